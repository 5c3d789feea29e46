import type { Db } from "mongodb";
import { platformEnv } from "../../integration/support/local-platform.js";
import { consumerNames } from "../../../src/app/events/consumers.js";

const consumers = consumerNames;

interface OpportunityDocument {
  _id: string;
  capacity: number;
  claimsCount: number;
  reservations?: unknown[];
  reward: { value: number };
}

/**
 * What must hold for an opportunity once the platform has settled after a fault: never more
 * claims than places, places taken equal to live claims (no reservation left over), every
 * completed claim paid exactly one issued reward and its points, and every event of the
 * opportunity's claims and rewards handled by every consumer. Returns each violation, in words.
 */
export async function violations(db: Db, opportunityId: string): Promise<string[]> {
  const found: string[] = [];
  const opportunity = await db.collection<OpportunityDocument>("opportunities").findOne({ _id: opportunityId });
  if (!opportunity) return [`opportunity ${opportunityId} is missing`];
  const claims = await db.collection<{ _id: string; userId: string; status: string }>("claims").find({ opportunityId }).toArray();
  if (claims.length > opportunity.capacity) found.push(`${claims.length} claims on ${opportunity.capacity} places`);
  const reserved = opportunity.reservations?.length ?? 0;
  if (opportunity.claimsCount !== claims.length || reserved > 0) {
    found.push(`places taken ${opportunity.claimsCount}, live claims ${claims.length}, reservations left ${reserved}`);
  }
  const completed = claims.filter((claim) => claim.status === "completed");
  const rewards = await db.collection<{ _id: string; claimId: string; status: string; userId: string }>("rewards").find({ claimId: { $in: completed.map((c) => c._id) } }).toArray();
  for (const claim of completed) {
    const ofClaim = rewards.filter((reward) => reward.claimId === claim._id);
    if (ofClaim.length !== 1 || ofClaim[0]!.status !== "issued") found.push(`claim ${claim._id} has rewards ${JSON.stringify(ofClaim.map((r) => r.status))}`);
  }
  const entries = await db.collection<{ userId: string; points: number; rewardId: string }>("points_ledger").find({ rewardId: { $in: rewards.map((r) => r._id) } }).toArray();
  for (const reward of rewards) {
    const credited = entries.filter((entry) => entry.rewardId === reward._id).reduce((sum, entry) => sum + entry.points, 0);
    if (credited !== opportunity.reward.value) found.push(`reward ${reward._id} credited ${credited} points, not ${opportunity.reward.value}`);
  }
  const claimIds = claims.map((claim) => claim._id);
  const events = await db
    .collection<{ _id: string; type: string }>("events")
    .find({ $or: [{ "data.claimId": { $in: claimIds } }, { "data.rewardId": { $in: rewards.map((r) => r._id) } }] })
    .toArray();
  const handled = new Set(
    (await db.collection<{ _id: string }>("inbox").find({ _id: { $in: events.flatMap((event) => consumers.map((c) => `${c}:${event._id}`)) } }).toArray()).map((d) => d._id),
  );
  for (const event of events) {
    for (const consumer of consumers) if (!handled.has(`${consumer}:${event._id}`)) found.push(`${consumer} has not handled ${event.type} ${event._id}`);
  }
  return found;
}

/**
 * Waits until `check` finds nothing wrong, asking reconciliation to run every `reconcileEveryMs`
 * as Cloud Scheduler would (its grace decides what it may judge yet). Returns how long it took;
 * fails naming what was still wrong.
 */
export async function settle(check: () => Promise<string[]>, { timeoutMs = 300_000, reconcileEveryMs = 20_000 } = {}): Promise<number> {
  const started = Date.now();
  let lastReconcile = started;
  for (;;) {
    const wrong = await check().catch((error: Error) => [`check failed: ${error.message}`]);
    if (wrong.length === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not settled after ${timeoutMs} ms: ${wrong.slice(0, 10).join("; ")}`);
    if (Date.now() - lastReconcile > reconcileEveryMs) {
      lastReconcile = Date.now();
      void fetch(`${platformEnv("USERX_FUNCTIONS_URL")}/reconcile-0`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
