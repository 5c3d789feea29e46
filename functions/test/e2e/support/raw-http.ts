import { readFileSync } from "node:fs";
import { request } from "node:http";
import { platformEnv } from "../../integration/support/local-platform.js";

interface Rewrite {
  regex?: string;
  source?: string;
  function?: { functionId: string };
}

/** Hosting's rewrites to functions, read from firebase.json: the one place that maps paths to functions. */
const functionRewrites = (JSON.parse(readFileSync(new URL("../../../../firebase.json", import.meta.url), "utf8")) as { hosting: { rewrites: Rewrite[] } }).hosting.rewrites.filter(
  (rewrite) => rewrite.function !== undefined,
);

/** The URL of the function that serves `path` in the local Functions emulator, as Hosting's rewrites map it (`/v1/claims/…` → `claims`). */
export function functionUrlFor(path: string): string {
  const pathname = path.split("?")[0]!;
  const rewrite = functionRewrites.find((r) => (r.regex !== undefined ? new RegExp(r.regex).test(pathname) : r.source === pathname));
  if (!rewrite) throw new Error(`no Hosting rewrite sends ${pathname} to a function`);
  return `${platformEnv("USERX_FUNCTIONS_URL")}/${rewrite.function!.functionId}`;
}

/** An answer as it came off the wire: status, headers, the body's text and, when it is JSON, its value. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/**
 * Sends one request with `node:http`, which writes the request target exactly as given (fetch
 * would normalize a malformed one) and a Content-Length for the body: through the Hosting
 * emulator, or to `baseUrl` (a function's own URL, say).
 */
export function rawRequest(options: { method: string; target: string; headers?: Record<string, string>; body?: string | Buffer; baseUrl?: string }): Promise<RawAnswer> {
  const base = new URL(options.baseUrl ?? platformEnv("USERX_BASE_URL"));
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: base.hostname,
        port: base.port,
        method: options.method,
        path: `${base.pathname.replace(/\/$/, "")}${options.target}`,
        headers: { ...(body ? { "content-length": String(body.length) } : {}), ...options.headers },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = /json/.test(String(incoming.headers["content-type"])) ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text, json });
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
