import type { AccountOut } from "../../contracts/account.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { UserRepository } from "../../ports/user-repository.js";

/** The caller's own account; authentication has just created it if it was their first request. */
export async function getAccount(deps: { users: UserRepository }, principal: Principal): Promise<AccountOut> {
  const user = await deps.users.findById(requireUser(principal));
  if (!user) throw new AppError("not_found", "account not found");
  return { userId: user.id, createdAt: user.createdAt.toISOString() };
}
