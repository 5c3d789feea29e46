import type { ApiScope } from "../../contracts/route.js";
import { AppError } from "../app-error.js";

/** Who is calling: a signed-in user, or an organization's API key. */
export type Principal =
  | { kind: "user"; userId: string }
  | { kind: "api_key"; keyId: string; orgId: string; scopes: readonly ApiScope[] };

export function requireUser(principal: Principal): string {
  if (principal.kind !== "user") throw new AppError("forbidden", "this needs a signed-in user, not an API key");
  return principal.userId;
}
