import { UserXError, errorFromResponse } from "./errors.js";
import type { HttpCall } from "./http-call.js";
import { newIdempotencyKey } from "./idempotency-key.js";
import { defaultRetry, parseRetryAfter, retryDelayMs, retryableStatuses, type RetryOptions } from "./retry.js";

/** A bearer credential: a Firebase or OIDC ID token, or an API key. `null` calls without one. */
export type Credentials = () => string | null | undefined | Promise<string | null | undefined>;

export interface ClientOptions {
  /** Where the API is: `https://app.example.com`. `""` (the default) is the page's own origin, for the web app. */
  baseUrl?: string;
  /** Asked before every attempt, so a token refreshed between retries is picked up. */
  credentials?: Credentials;
  /** Defaults to the global `fetch`; inject one for tests, proxies or older runtimes. */
  fetch?: typeof fetch;
  retry?: RetryOptions;
  /** Sent with every request (a `user-agent` of your integration…). */
  headers?: Readonly<Record<string, string>>;
}

export interface CallOptions {
  /** The POST's Idempotency-Key; by default one is generated per call and reused by its retries. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export type Send = <T>(call: HttpCall, options?: CallOptions) => Promise<T>;

/**
 * Sends calls with retries: a network failure, 429, 503, or our own retry meeting its first
 * attempt still running (409 `idempotency_key_in_use`) is tried again after a backoff that
 * honours `Retry-After`. Every POST carries one Idempotency-Key across its attempts, so a create
 * whose answer was lost is answered from the first attempt instead of creating twice.
 */
export function createTransport(options: ClientOptions): Send {
  const retry = { ...defaultRetry, ...options.retry };
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
  return async function send<T>(call: HttpCall, callOptions: CallOptions = {}): Promise<T> {
    const fetchFn = options.fetch ?? globalThis.fetch;
    const idempotencyKey = call.method === "POST" ? (callOptions.idempotencyKey ?? newIdempotencyKey()) : undefined;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    for (let attempt = 1; ; attempt += 1) {
      const headers = await requestHeaders(options, body !== undefined, idempotencyKey);
      let response: Response;
      try {
        response = await fetchFn(`${baseUrl}${call.path}`, { method: call.method, headers, ...(body === undefined ? {} : { body }), ...(callOptions.signal ? { signal: callOptions.signal } : {}) });
      } catch (error) {
        // The caller's own abort is not a failure to retry or to wrap.
        if (callOptions.signal?.aborted) throw error;
        const delay = attempt < retry.attempts ? retryDelayMs(attempt, undefined, retry) : undefined;
        if (delay === undefined) {
          throw new UserXError({ code: "network_error", status: 0, title: "The API could not be reached", detail: error instanceof Error ? error.message : String(error) }, { cause: error });
        }
        await sleep(delay, callOptions.signal);
        continue;
      }
      const requestId = response.headers.get("x-request-id") ?? undefined;
      if (response.ok) return (await readJson(response)) as T;
      const problem = await readJson(response);
      if (attempt < retry.attempts && isRetryable(response.status, problem)) {
        const delay = retryDelayMs(attempt, parseRetryAfter(response.headers.get("retry-after")), retry);
        if (delay !== undefined) {
          await sleep(delay, callOptions.signal);
          continue;
        }
      }
      throw errorFromResponse(response.status, problem, requestId);
    }
  };
}

function isRetryable(status: number, problem: unknown): boolean {
  return retryableStatuses.has(status) || (status === 409 && (problem as { code?: unknown } | undefined)?.code === "idempotency_key_in_use");
}

async function requestHeaders(options: ClientOptions, hasBody: boolean, idempotencyKey: string | undefined): Promise<Record<string, string>> {
  const headers: Record<string, string> = { accept: "application/json, application/problem+json", ...options.headers };
  const credential = await options.credentials?.();
  if (credential) headers.authorization = `Bearer ${credential}`;
  if (hasBody) headers["content-type"] = "application/json";
  if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
  return headers;
}

/** The JSON body, or `undefined` when there is none or it is not JSON (an error page of a proxy). */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}
