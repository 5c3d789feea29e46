import { breakerThreshold, cooldownSeconds, paceIntervalMs, slotsPerEndpoint } from "../../../src/domain/webhooks/delivery-gate.js";
import type { EndpointGate, Lease } from "../../../src/ports/endpoint-gate.js";

/** The gate's rules over maps, each check and change made without awaiting, as one guarded update would. */
export class InMemoryEndpointGate implements EndpointGate {
  readonly leases = new Map<string, { leaseId: string; until: Date }>();
  readonly breakers = new Map<string, { failures: number; openUntil: Date }>();
  readonly paces = new Map<string, Date>();
  private nextLease = 0;

  async admit(endpointId: string, now: Date, holdMs: number, ratePerSecond: number | null = null) {
    const breaker = this.breakers.get(endpointId);
    if (breaker && breaker.openUntil > now) return { admitted: false as const, refusal: { reason: "open" as const, retryAt: breaker.openUntil } };
    if (ratePerSecond !== null) {
      const nextAt = this.paces.get(endpointId);
      if (nextAt && nextAt > now) return { admitted: false as const, refusal: { reason: "throttled" as const, retryAt: nextAt } };
      this.paces.set(endpointId, new Date(now.getTime() + paceIntervalMs(ratePerSecond)));
    }
    const slots = (breaker?.failures ?? 0) >= breakerThreshold ? [0] : Array.from({ length: slotsPerEndpoint }, (_, slot) => slot);
    for (const slot of slots) {
      const held = this.leases.get(`${endpointId}#${slot}`);
      if (held && held.until > now) continue;
      const leaseId = `lease-${++this.nextLease}`;
      this.leases.set(`${endpointId}#${slot}`, { leaseId, until: new Date(now.getTime() + holdMs) });
      return { admitted: true as const, lease: { endpointId, slot, leaseId } };
    }
    const firstFree = Math.min(...slots.map((slot) => this.leases.get(`${endpointId}#${slot}`)!.until.getTime()));
    return { admitted: false as const, refusal: { reason: "busy" as const, retryAt: new Date(firstFree) } };
  }

  async release(lease: Lease, failed: boolean, now: Date) {
    const key = `${lease.endpointId}#${lease.slot}`;
    if (this.leases.get(key)?.leaseId === lease.leaseId) this.leases.delete(key);
    const failures = failed ? (this.breakers.get(lease.endpointId)?.failures ?? 0) + 1 : 0;
    this.breakers.set(lease.endpointId, { failures, openUntil: new Date(now.getTime() + cooldownSeconds(failures) * 1000) });
  }
}
