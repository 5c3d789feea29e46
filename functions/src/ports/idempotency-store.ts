/** The response a retried request gets back. */
export interface StoredResponse {
  status: number;
  body: string;
}

/** What an earlier request with the same key left behind, if anything. */
export type IdempotencyState =
  | { state: "new" }
  | { state: "replay"; response: StoredResponse }
  | { state: "in_progress" }
  | { state: "mismatch" };

/** Remembers the first response to each (scope, Idempotency-Key) so that retries get the same one. */
export interface IdempotencyStore {
  /** Starts a request under the key, or reports what an earlier one with that key left. */
  begin(scope: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyState>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Forgets a request that failed without a definite outcome, so a retry may run it again. */
  release(scope: string, key: string): Promise<void>;
}
