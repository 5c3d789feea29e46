import type { ErasureOut } from "../../contracts/me.js";
import { AppError } from "../../domain/app-error.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { erasedUser, isErasureDue, withErasureCancelled, withErasureRequested } from "../../domain/identity/erasure.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { User } from "../../domain/identity/user.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { PagePosition } from "../../ports/page.js";
import type { PersonalDataVault } from "../../ports/personal-data-vault.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import type { UserRepository } from "../../ports/user-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";

export type ErasureDeps = { users: UserRepository; clock: Clock; tasks: TaskQueue };
export type EraseUserDeps = DispatchDeps & { users: UserRepository; claims: ClaimRepository; vault: PersonalDataVault; clock: Clock; ids: Ids };

/**
 * Schedules the erasure of the caller's account at the end of the grace period. The task is
 * enqueued before the request is saved (named, so a retry adds none): a saved request always has
 * its task. Asking again answers the erasure already scheduled.
 */
export async function requestErasure(deps: ErasureDeps, principal: Principal): Promise<ErasureOut> {
  const userId = requireUser(principal);
  // Step-up seam: once MFA step-up exists (identity issue), require a recent second factor here,
  // before anything is scheduled, as the other sensitive operations do.
  const saved = await updateAggregate(deps.users, userId, async (user) => {
    const next = withErasureRequested(user, deps.clock.now());
    if (next === user || !next.erasure) return null;
    const { erasesAt } = next.erasure;
    await deps.tasks.enqueue(
      { kind: "user.erase.v1", userId },
      { delaySeconds: Math.max(0, Math.ceil((erasesAt.getTime() - deps.clock.now().getTime()) / 1000)), name: `erase-${userId}-${erasesAt.getTime()}` },
    );
    return { next };
  });
  if (!saved) throw new AppError("not_found", "account not found");
  return presentErasure(saved);
}

/** Cancels the caller's pending erasure; the task then finds nothing to do. */
export async function cancelErasure(deps: Omit<ErasureDeps, "tasks">, principal: Principal): Promise<ErasureOut> {
  const userId = requireUser(principal);
  const saved = await updateAggregate(deps.users, userId, (user) => ({ next: withErasureCancelled(user) }));
  if (!saved) throw new AppError("not_found", "account not found");
  return presentErasure(saved);
}

export type EraseUserOutcome = "erased" | "erased_before" | "cancelled" | "gone";

/**
 * Completes a due erasure: the user document loses its profile and identity (it stays, for the
 * ledgers and claims that name it) and records `user.erased.v1` for each organization the user had
 * a claim with; then the data key is shredded, which leaves every sealed personal value of theirs
 * unreadable. A run that stops between the two steps is run again by Cloud Tasks and finishes.
 */
export async function eraseUser(deps: EraseUserDeps, userId: string): Promise<EraseUserOutcome> {
  let outcome = "gone" as EraseUserOutcome;
  const orgIds = await organizationsOf(deps.claims, userId);
  const saved = await updateAggregate(deps.users, userId, (user) => {
    const now = deps.clock.now();
    if (user.erasedAt) {
      outcome = "erased_before";
      return null;
    }
    if (!user.erasure) {
      outcome = "cancelled";
      return null;
    }
    // The task ran a moment early (clocks differ): thrown as transient, Cloud Tasks runs it again shortly.
    if (!isErasureDue(user, now)) throw new AppError("unavailable", "this erasure is not due yet");
    outcome = "erased";
    const next = erasedUser(user, now);
    return { next, events: orgIds.map((orgId) => erasedEvent(deps, orgId, next, now)) };
  });
  if (saved && (outcome === "erased" || outcome === "erased_before")) {
    await deps.vault.shred(userId);
    await dispatchEvents(deps, { aggregate: "user", id: userId });
  }
  return outcome;
}

async function organizationsOf(claims: ClaimRepository, userId: string): Promise<string[]> {
  const orgIds = new Set<string>();
  let after: PagePosition | undefined;
  for (;;) {
    const page = await claims.listByUser(userId, {}, { limit: 100, order: "asc", ...(after ? { after } : {}) });
    for (const claim of page.items) orgIds.add(claim.orgId);
    if (!page.next) return [...orgIds].sort();
    after = page.next;
  }
}

function erasedEvent(deps: { ids: Ids }, orgId: string, user: User, now: Date) {
  return domainEvent("user.erased.v1", orgId, { userId: user.id, erasedAt: now.toISOString() }, deps.ids.next("evt"), now);
}

function presentErasure(user: User): ErasureOut {
  return {
    userId: user.id,
    status: user.erasure ? "scheduled" : "none",
    requestedAt: user.erasure?.requestedAt.toISOString() ?? null,
    erasesAt: user.erasure?.erasesAt.toISOString() ?? null,
  };
}
