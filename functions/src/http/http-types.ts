import type { IncomingHttpHeaders } from "node:http";

/** The part of Express's request that our HTTP layer reads (Cloud Functions hands us an Express request). */
export interface HttpRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  query: unknown;
  rawBody?: Buffer;
}

/** The part of Express's response that our HTTP layer writes. */
export interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
  headersSent: boolean;
}

export type HttpHandler = (req: HttpRequest, res: HttpResponse) => Promise<void>;
