import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoEndpointGate } from "../../../src/adapters/mongo/endpoint-gate.js";
import { breakerThreshold, cooldownSeconds, slotsPerEndpoint } from "../../../src/domain/webhooks/delivery-gate.js";
import { concurrently, openTestDatabase, testId } from "./mongo-test-database.js";

// The endpoint gate's guarded updates on the real local server.

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_gate"));
});

afterAll(() => drop());

const now = new Date("2026-05-01T10:00:00.000Z");
const after = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("mongoEndpointGate", () => {
  it("admits exactly as many attempts as there are slots however many race, and frees a slot on release or when it lapses", async () => {
    const gate = mongoEndpointGate(db);
    const endpointId = testId("whe");

    const admissions = await concurrently(10, () => gate.admit(endpointId, now, 20_000));

    const admitted = admissions.flatMap((a) => (a.admitted ? [a.lease] : []));
    expect(admitted).toHaveLength(slotsPerEndpoint);
    expect(new Set(admitted.map((lease) => lease.slot)).size).toBe(slotsPerEndpoint);
    expect(admissions.find((a) => !a.admitted)).toMatchObject({ refusal: { reason: "busy", retryAt: after(20) } });

    await gate.release(admitted[0]!, false, after(1));
    expect((await gate.admit(endpointId, after(1), 20_000)).admitted).toBe(true);
    expect((await gate.admit(endpointId, after(2), 20_000)).admitted).toBe(false);
    expect((await gate.admit(endpointId, after(21), 20_000)).admitted).toBe(true);
  });

  it("opens after the threshold of failures in a row, lets one probe through after the cool-down, and closes on its success", async () => {
    const gate = mongoEndpointGate(db);
    const endpointId = testId("whe");
    let at = now;
    for (let i = 0; i < breakerThreshold; i++) {
      const admission = await gate.admit(endpointId, at, 20_000);
      if (!admission.admitted) throw new Error(`refused before the threshold: ${JSON.stringify(admission)}`);
      await gate.release(admission.lease, true, at);
      at = after(i + 1);
    }
    const opened = at;
    expect(await gate.admit(endpointId, opened, 20_000)).toMatchObject({ admitted: false, refusal: { reason: "open" } });

    const probeAt = new Date(opened.getTime() + cooldownSeconds(breakerThreshold) * 1000);
    const probes = await concurrently(5, () => gate.admit(endpointId, probeAt, 20_000));
    const probe = probes.flatMap((a) => (a.admitted ? [a.lease] : []));
    expect(probe).toHaveLength(1);

    await gate.release(probe[0]!, false, probeAt);
    const reopened = await concurrently(3, () => gate.admit(endpointId, probeAt, 20_000));
    expect(reopened.filter((a) => a.admitted)).toHaveLength(slotsPerEndpoint);
  });
});

describe("mongoEndpointGate with a rate limit", () => {
  it("starts attempts 1/rate seconds apart however many race, and refuses the rest as throttled until the next turn", async () => {
    const gate = mongoEndpointGate(db);
    const endpointId = testId("whe");

    const admissions = await concurrently(6, () => gate.admit(endpointId, now, 20_000, 4));

    expect(admissions.filter((a) => a.admitted)).toHaveLength(1);
    expect(admissions.find((a) => !a.admitted)).toMatchObject({ refusal: { reason: "throttled", retryAt: new Date(now.getTime() + 250) } });
    expect((await gate.admit(endpointId, new Date(now.getTime() + 249), 20_000, 4)).admitted).toBe(false);
    expect((await gate.admit(endpointId, new Date(now.getTime() + 250), 20_000, 4)).admitted).toBe(true);
    // Both slots are now held; without a rate limit the pace is not consulted, so the refusal is the slots'.
    expect(await gate.admit(endpointId, new Date(now.getTime() + 251), 20_000)).toMatchObject({ admitted: false, refusal: { reason: "busy" } });
  });
});
