/** Where an endpoint is and what it is for: the fields adding an endpoint and editing one share. */
export function EndpointAddressFields(props: {
  url: string;
  onUrlChange: (url: string) => void;
  urlProblem: string | undefined;
  description: string;
  onDescriptionChange: (description: string) => void;
}) {
  return (
    <>
      <label>
        Endpoint URL
        <input
          type="url"
          required
          placeholder="https://example.com/hooks/user-x"
          value={props.url}
          onChange={(e) => props.onUrlChange(e.target.value)}
          aria-invalid={props.urlProblem ? true : undefined}
        />
      </label>
      {props.urlProblem && <p className="field-error">{props.urlProblem}</p>}
      <label>
        Description <span className="muted">(optional)</span>
        <input maxLength={500} value={props.description} onChange={(e) => props.onDescriptionChange(e.target.value)} />
      </label>
    </>
  );
}
