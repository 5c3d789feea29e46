import { randomUUID } from "node:crypto";
import type { Db } from "mongodb";
import { breakerThreshold, cooldownSeconds, paceIntervalMs, slotsPerEndpoint } from "../../domain/webhooks/delivery-gate.js";
import type { EndpointGate } from "../../ports/endpoint-gate.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";

/** An endpoint's breaker (`_id` the endpoint id), one of its slots (`<endpoint id>#<slot>`) or its pace (`<endpoint id>#pace`). */
interface GateDocument {
  _id: string;
  /** The pace: when the next attempt may start. */
  nextAt?: Date;
  failures?: number;
  openUntil?: Date;
  leaseId?: string;
  leaseUntil?: Date;
}

export const endpointGatesCollection = (db: Db) => db.collection<GateDocument>("webhook_endpoint_gates");

const lapsed = new Date(0);

/**
 * The gate in `webhook_endpoint_gates`: every change is one guarded single-document update, so
 * instances racing for a slot or counting failures never both win.
 */
export function mongoEndpointGate(db: Db): EndpointGate {
  const gates = endpointGatesCollection(db);
  const slotId = (endpointId: string, slot: number) => `${endpointId}#${slot}`;

  return {
    admit: (endpointId, now, holdMs, ratePerSecond = null) =>
      classified(async () => {
        const breaker = await gates.findOne({ _id: endpointId });
        if (breaker?.openUntil && breaker.openUntil > now) return { admitted: false, refusal: { reason: "open", retryAt: breaker.openUntil } };
        if (ratePerSecond !== null) {
          // One guarded update moves the pace on: of attempts racing for the same moment, one starts.
          // A turn taken by an attempt that then finds no slot is lost: the endpoint gets less, never more.
          const _id = `${endpointId}#pace`;
          await insertIfAbsent(gates, { _id, nextAt: lapsed });
          const paced = await gates.updateOne({ _id, nextAt: { $lte: now } }, { $set: { nextAt: new Date(now.getTime() + paceIntervalMs(ratePerSecond)) } });
          if (paced.modifiedCount !== 1) return { admitted: false, refusal: { reason: "throttled", retryAt: (await gates.findOne({ _id }))?.nextAt ?? now } };
        }
        // After a cool-down only one attempt probes the endpoint: the first slot alone is offered.
        const probing = (breaker?.failures ?? 0) >= breakerThreshold;
        const slots = probing ? [0] : shuffled(slotsPerEndpoint);
        const leaseId = randomUUID();
        for (const slot of slots) {
          const _id = slotId(endpointId, slot);
          await insertIfAbsent(gates, { _id, leaseId: "", leaseUntil: lapsed });
          const taken = await gates.updateOne({ _id, leaseUntil: { $lte: now } }, { $set: { leaseId, leaseUntil: new Date(now.getTime() + holdMs) } });
          if (taken.modifiedCount === 1) return { admitted: true, lease: { endpointId, slot, leaseId } };
        }
        const held = await gates.find({ _id: { $in: slots.map((slot) => slotId(endpointId, slot)) } }).toArray();
        const firstFree = Math.min(...held.map((document) => (document.leaseUntil ?? lapsed).getTime()));
        return { admitted: false, refusal: { reason: "busy", retryAt: new Date(Math.max(firstFree, now.getTime())) } };
      }),

    release: (lease, failed, now) =>
      classified(async () => {
        await gates.updateOne({ _id: slotId(lease.endpointId, lease.slot), leaseId: lease.leaseId }, { $set: { leaseUntil: lapsed } });
        if (!failed) {
          await gates.updateOne({ _id: lease.endpointId, failures: { $gt: 0 } }, { $set: { failures: 0, openUntil: lapsed } });
          return;
        }
        const counted = await gates.findOneAndUpdate({ _id: lease.endpointId }, { $inc: { failures: 1 } }, { upsert: true, returnDocument: "after" });
        const failures = counted?.failures ?? 1;
        const cooldown = cooldownSeconds(failures);
        // Guarded on the count just made: a later failure or a success decides instead of this one.
        if (cooldown > 0) await gates.updateOne({ _id: lease.endpointId, failures }, { $set: { openUntil: new Date(now.getTime() + cooldown * 1000) } });
      }),
  };
}

function shuffled(count: number): number[] {
  const slots = Array.from({ length: count }, (_, slot) => slot);
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  return slots;
}
