import { getDeps } from "../../deps.js";
import { taskTokenVerifier, type TaskTokenVerifier } from "./task-token.js";

let verifier: TaskTokenVerifier | undefined;

/** The instance's verifier of task tokens, built once from the configured invoker; its client caches the issuer's keys. */
export function instanceTaskTokens(): TaskTokenVerifier {
  verifier ??= taskTokenVerifier(getDeps().taskInvoker);
  return verifier;
}
