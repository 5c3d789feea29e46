import type { IncomingHttpHeaders } from "node:http";

/** The part of Express's request that our HTTP layer reads (Cloud Functions hands us an Express request). */
export interface HttpRequest {
  method: string;
  /** The request target as received, path and query, still percent-encoded (`req.url`). */
  url: string;
  /** Its path alone, still percent-encoded (`req.path`). */
  path: string;
  headers: IncomingHttpHeaders;
  /** The body, read whole by the Functions runtime before our code runs. */
  rawBody?: Buffer;
  /** The address of the connection, as Express sees it (http/client-address.ts reads the forwarded one first). */
  ip?: string;
}

/** The part of Express's response that our HTTP layer writes. */
export interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
  headersSent: boolean;
}

export type HttpHandler = (req: HttpRequest, res: HttpResponse) => Promise<void>;
