import { randomUUID } from "node:crypto";
import { platformEnv } from "../../integration/support/local-platform.js";

/** Every answer one logical request got, in order, and the one it ended with. */
export interface RetriedRequest {
  attempts: Array<{ status: number | "network_error"; code?: string }>;
  final: { status: number; body: any };
  /** 503 answers seen on the way, and whether each carried Retry-After. */
  unavailable: number;
  unavailableWithoutRetryAfter: number;
}

const patienceMs = 120_000;
const maxWaitMs = 5_000;

/**
 * A client as a careful integrator writes one: every POST carries one Idempotency-Key for all its
 * attempts, and it retries what a retry can cure (no answer, 5xx, `idempotency_key_in_use`),
 * waiting as Retry-After says (at most 5 s), until it gets any other answer or runs out of
 * patience (2 minutes).
 */
export function retryingClient(idToken: string) {
  const base = platformEnv("USERX_BASE_URL");
  return {
    async post(path: string, body: unknown): Promise<RetriedRequest> {
      const key = randomUUID();
      const attempts: RetriedRequest["attempts"] = [];
      let unavailable = 0;
      let unavailableWithoutRetryAfter = 0;
      const deadline = Date.now() + patienceMs;
      for (;;) {
        let waitMs = 500;
        try {
          const response = await fetch(`${base}${path}`, {
            method: "POST",
            headers: { authorization: `Bearer ${idToken}`, "content-type": "application/json", "idempotency-key": key },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(70_000),
          });
          const text = await response.text();
          const parsed = /json/.test(response.headers.get("content-type") ?? "") && text ? JSON.parse(text) : text;
          attempts.push({ status: response.status, ...(typeof parsed?.code === "string" ? { code: parsed.code } : {}) });
          const retryAfter = response.headers.get("retry-after");
          if (response.status === 503) {
            unavailable += 1;
            if (retryAfter === null) unavailableWithoutRetryAfter += 1;
          }
          const curable = response.status >= 500 || parsed?.code === "idempotency_key_in_use";
          if (!curable || Date.now() > deadline) return { attempts, final: { status: response.status, body: parsed }, unavailable, unavailableWithoutRetryAfter };
          if (retryAfter !== null) waitMs = Math.min(Number(retryAfter) * 1000, maxWaitMs);
        } catch {
          attempts.push({ status: "network_error" });
          if (Date.now() > deadline) throw new Error(`no answer to POST ${path} within ${patienceMs} ms: ${JSON.stringify(attempts)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    },
  };
}
