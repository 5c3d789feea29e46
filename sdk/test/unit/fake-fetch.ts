// A scripted `fetch` for the unit tier: answers in order and records every request, so tests can
// check what the client sent on each attempt. (The integration tier uses the real platform.)
export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export type Answer = Response | Error | (() => Response | Error);

export function scriptedFetch(...answers: Answer[]): typeof fetch & { sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const fetchFn = async (url: string | URL | Request, init: RequestInit = {}) => {
    sent.push({ url: String(url), method: init.method ?? "GET", headers: { ...(init.headers as Record<string, string>) }, body: init.body as string | undefined });
    const next = answers.shift();
    if (next === undefined) throw new Error(`no answer scripted for request ${sent.length}`);
    const answer = typeof next === "function" ? next() : next;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(fetchFn as typeof fetch, { sent });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const contentType = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "content-type": contentType, ...headers } });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return json(status, { type: `https://docs.user-x.dev/problems/${code}`, title: code, status, code, ...extra }, headers);
}
