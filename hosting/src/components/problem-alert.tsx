import { UserXError } from "@user-x/sdk";

/** An error as the user can act on it: the API's explanation and the request id to quote to support. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = error instanceof UserXError ? error : undefined;
  const heading = title ?? problem?.title ?? "Something went wrong";
  const detail = problem ? (problem.detail ?? problem.title) : error instanceof Error ? error.message : String(error);
  return (
    <div className="alert" role="alert">
      <p className="alert-title">{heading}</p>
      {detail !== heading && <p>{detail}</p>}
      {problem && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.location}:${e.message}`}>
              <code>{e.location}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem?.requestId && (
        <p className="muted">
          Request id: <code data-testid="request-id">{problem.requestId}</code>
        </p>
      )}
    </div>
  );
}

/** The server's message for one field (`body.tasks.0.title`…), or undefined. */
export function fieldProblem(error: unknown, location: string): string | undefined {
  if (!(error instanceof UserXError)) return undefined;
  return error.errors.find((e) => e.location === location)?.message;
}
