import { randomBytes } from "node:crypto";
import type { Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { apiClient, signUpUser, type ApiResponse } from "./support/api-client.js";
import { functionLog, type FunctionLogEntry } from "./support/function-logs.js";
import { platformDatabase } from "./support/mongo.js";
import { surveyOpportunity, validAnswers } from "./support/scenario.js";

// The life of an opportunity through Hosting, as a client drives it: every move, every illegal
// move answering 409 and changing nothing, the PATCH rules, and completion at expiresAt through
// the real Cloud Tasks emulator.

const database = platformDatabase();
let asOwner: ReturnType<typeof apiClient>;
let orgId: string;

beforeAll(async () => {
  asOwner = apiClient((await signUpUser("lifecycle-owner")).idToken);
  const org = await asOwner.post("/v1/organizations", { name: "Lifecycle Ltd" });
  expect(org.status).toBe(201);
  orgId = org.body.id;
});

afterAll(() => database.close());

const path = (id: string, move?: string) => `/v1/opportunities/${id}${move ? `/${move}` : ""}`;
const patch = (id: string, body: unknown) => asOwner.raw("PATCH", path(id), { body });
const remove = (id: string) => asOwner.raw("DELETE", path(id));
const stored = (id: string) => database.db.collection("opportunities").findOne({ _id: id as never });
const eventsOf = (id: string) => database.db.collection("events").find({ "data.opportunityId": id }).sort({ occurredAt: 1 }).toArray();

async function created(overrides: Record<string, unknown> = {}): Promise<string> {
  const draft = await asOwner.post("/v1/opportunities", surveyOpportunity(orgId, overrides));
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  return draft.body.id;
}

/** A fresh opportunity of the organization in `status`, reached through the API. */
async function inStatus(status: "draft" | "active" | "paused" | "completed" | "archived"): Promise<string> {
  const id = await created();
  const moves = { draft: [], active: ["publish"], paused: ["publish", "pause"], completed: ["publish", "complete"], archived: ["publish", "complete", "archive"] }[status];
  for (const move of moves) expect((await asOwner.post(path(id, move))).status).toBe(200);
  return id;
}

function expectInvalidState(response: ApiResponse, details: Record<string, unknown>) {
  expect(response.status, JSON.stringify(response.body)).toBe(409);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(response.body).toMatchObject({ code: "invalid_state", ...details });
}

describe("an opportunity's life through the API", () => {
  it("draft → edited → active → edited → paused → active → completed → archived, each move announced once", async () => {
    const id = await created({ capacity: 2, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(await patch(id, { title: "Renamed draft", timeAllowedMinutes: 30 })).toMatchObject({ status: 200, body: { title: "Renamed draft", timeAllowedMinutes: 30, status: "draft" } });
    expect(await asOwner.post(path(id, "publish"))).toMatchObject({ status: 200, body: { status: "active" } });

    const later = new Date(Date.now() + 7_200_000).toISOString();
    expect(await patch(id, { description: "Now with details", capacity: 3, expiresAt: later })).toMatchObject({ status: 200, body: { description: "Now with details", capacity: 3, expiresAt: later } });

    expect(await asOwner.post(path(id, "pause"))).toMatchObject({ status: 200, body: { status: "paused" } });
    // A paused opportunity takes no claims, but stays visible to participants.
    const participant = apiClient((await signUpUser("lifecycle-participant")).idToken);
    expectInvalidState(await participant.post("/v1/claims", { opportunityId: id }), { detail: "this opportunity is not open for claims" });
    expect(await participant.get(path(id))).toMatchObject({ status: 200, body: { status: "paused" } });

    expect(await asOwner.post(path(id, "resume"))).toMatchObject({ status: 200, body: { status: "active" } });
    const claim = await participant.post("/v1/claims", { opportunityId: id });
    expect(claim.status).toBe(201);

    const completed = await asOwner.post(path(id, "complete"));
    expect(completed).toMatchObject({ status: 200, body: { status: "completed", completionReason: "manual", completedAt: expect.any(String) } });
    expectInvalidState(await apiClient((await signUpUser("late")).idToken).post("/v1/claims", { opportunityId: id }), { detail: "this opportunity is not open for claims" });
    // A claim taken before the completion may still be finished.
    expect((await participant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);

    expect(await asOwner.post(path(id, "archive"))).toMatchObject({ status: 200, body: { status: "archived" } });
    expect((await participant.get(path(id))).status).toBe(404);

    const lifecycle = await eventually(async () => {
      const logged = (await eventsOf(id)).filter((e) => String(e.type).startsWith("opportunity."));
      return logged.length >= 5 ? logged : undefined;
    });
    expect(lifecycle.map((e: Document) => e.type)).toEqual(["opportunity.published.v1", "opportunity.paused.v1", "opportunity.resumed.v1", "opportunity.completed.v1", "opportunity.archived.v1"]);
    expect(lifecycle[3]).toMatchObject({ orgId, data: { opportunityId: id, reason: "manual" } });
  });

  it("deletes a draft: answered once with the deleted draft, not found afterwards, never announced", async () => {
    const id = await created();
    expect(await remove(id)).toMatchObject({ status: 200, body: { id, status: "deleted" } });
    for (const response of [await asOwner.get(path(id)), await remove(id), await asOwner.post(path(id, "publish")), await patch(id, { title: "Ghost" })]) {
      expect(response).toMatchObject({ status: 404, body: { code: "not_found" } });
    }
    expect((await asOwner.get(`/v1/opportunities?orgId=${orgId}&limit=100`)).body.data.map((o: { id: string }) => o.id)).not.toContain(id);
    expect(await eventsOf(id)).toEqual([]);
  });
});

describe("every illegal move answers 409 invalid_state and changes nothing", () => {
  const moves = ["publish", "pause", "resume", "complete", "archive", "delete"] as const;
  const legal: Record<string, readonly string[]> = {
    draft: ["publish", "delete"],
    active: ["pause", "complete"],
    paused: ["resume", "complete"],
    completed: ["archive"],
    archived: [],
  };

  it.each(Object.keys(legal))("from %s", async (status) => {
    const id = await inStatus(status as Parameters<typeof inStatus>[0]);
    const before = await stored(id);
    const eventsBefore = (await eventsOf(id)).length;
    for (const move of moves.filter((m) => !legal[status]!.includes(m))) {
      const response = move === "delete" ? await remove(id) : await asOwner.post(path(id, move));
      expectInvalidState(response, { currentStatus: status, transition: move });
    }
    expect(await stored(id)).toEqual(before);
    expect((await eventsOf(id)).length).toBe(eventsBefore);
  });

  it("a second pause with a new Idempotency-Key is refused; the same key replays the first answer", async () => {
    const id = await inStatus("active");
    const key = `pause-${randomBytes(6).toString("hex")}`;
    const first = await asOwner.post(path(id, "pause"), undefined, { "idempotency-key": key });
    expect(first).toMatchObject({ status: 200, body: { status: "paused" } });
    expect(await asOwner.post(path(id, "pause"), undefined, { "idempotency-key": key })).toMatchObject({ status: 200, body: first.body });
    expectInvalidState(await asOwner.post(path(id, "pause"), undefined, { "idempotency-key": `${key}-again` }), { currentStatus: "paused", transition: "pause" });
    expectInvalidState(await asOwner.post(path(id, "pause")), { currentStatus: "paused", transition: "pause" });
    expect(await stored(id)).toMatchObject({ status: "paused", version: 3 });
  });
});

describe("PATCH takes only what the status allows", () => {
  it("refuses a live opportunity's title, an earlier expiry and fewer places, naming them, and changes nothing", async () => {
    const id = await created({ capacity: 5, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await asOwner.post(path(id, "publish"))).status).toBe(200);
    const before = await stored(id);

    expectInvalidState(await patch(id, { title: "Too late", description: "fine" }), { currentStatus: "active", fields: ["title"] });
    expectInvalidState(await patch(id, { expiresAt: new Date(Date.now() + 60_000).toISOString(), capacity: 4 }), { currentStatus: "active", fields: ["expiresAt", "capacity"] });
    expect(await stored(id)).toEqual(before);
  });

  it.each(["completed", "archived"] as const)("refuses any change to a %s opportunity", async (status) => {
    const id = await inStatus(status);
    expectInvalidState(await patch(id, { description: "after the end" }), { currentStatus: status, fields: ["description"] });
  });

  it("refuses an empty patch, an unknown field and orgId: 400", async () => {
    const id = await created();
    for (const body of [{}, { orgId }, { status: "active" }]) {
      expect(await patch(id, body)).toMatchObject({ status: 400, body: { code: "validation_failed" } });
    }
  });
});

describe("completion at expiresAt, through the real Cloud Tasks emulator", () => {
  it("an opportunity expiring a few seconds after it is published completes by itself, announced with reason expired", async () => {
    const id = await created({ expiresAt: new Date(Date.now() + 6_000).toISOString() });
    expect((await asOwner.post(path(id, "publish"))).status).toBe(200);
    const started = Date.now();

    const completed = await eventually(async () => {
      const current = await asOwner.get(path(id));
      return current.body.status === "completed" ? current.body : undefined;
    }, 45_000);

    expect(completed).toMatchObject({ completionReason: "expired" });
    expect(new Date(completed.completedAt).getTime()).toBeGreaterThanOrEqual(new Date(completed.expiresAt).getTime());
    console.log(`expiry completion: ${Date.now() - started} ms after publishing, ${new Date(completed.completedAt).getTime() - new Date(completed.expiresAt).getTime()} ms after expiresAt`);
    const completions = await eventually(async () => {
      const logged = (await eventsOf(id)).filter((e) => e.type === "opportunity.completed.v1");
      return logged.length > 0 ? logged : undefined;
    });
    expect(completions).toMatchObject([{ data: { opportunityId: id, reason: "expired" } }]);
  }, 60_000);

  it("an expiry moved later before it came: the first task finds itself stale, the opportunity stays active", async () => {
    // Far enough ahead that publishing and moving it always come first, even on a busy platform
    // (4 s was once not enough). Publishing is sent in a trace of its own, so the first expiry's
    // task (enqueued by it, carrying its traceparent) is told apart from every other task by its
    // task.done entry in the functions' log.
    const log = functionLog();
    const traceId = randomBytes(16).toString("hex");
    const id = await created({ expiresAt: new Date(Date.now() + 15_000).toISOString() });
    expect((await asOwner.post(path(id, "publish"), undefined, { traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` })).status).toBe(200);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await patch(id, { expiresAt: later })).status).toBe(200);

    const trace = `projects/${platformEnv("GCLOUD_PROJECT")}/traces/${traceId}`;
    const isFirstExpiryDone = (entry: FunctionLogEntry) =>
      entry.message === "task.done" && entry["functionName"] === "expireOpportunity" && entry["logging.googleapis.com/trace"] === trace;
    const firstExpiryDone = await eventually(async () => (await log.entries()).find(isFirstExpiryDone), 45_000);
    expect(firstExpiryDone).toMatchObject({ outcome: "expiry stale" });
    expect(await asOwner.get(path(id))).toMatchObject({ status: 200, body: { status: "active", expiresAt: later } });
  }, 60_000);
});

describe("completion once capacity is used", () => {
  it("the last place's claim ending completes the opportunity, once, announced with reason capacity_reached", async () => {
    const id = await created({ capacity: 1 });
    expect((await asOwner.post(path(id, "publish"))).status).toBe(200);
    const participant = apiClient((await signUpUser("last-place")).idToken);
    const claim = await participant.post("/v1/claims", { opportunityId: id });
    expect(claim.status).toBe(201);
    expect((await asOwner.get(path(id))).body.status).toBe("active");

    expect((await participant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);

    const completed = await eventually(async () => {
      const current = await asOwner.get(path(id));
      return current.body.status === "completed" ? current.body : undefined;
    }, 45_000);
    expect(completed).toMatchObject({ completionReason: "capacity_reached", claimsCount: 1 });
    const completions = await eventually(async () => {
      const logged = (await eventsOf(id)).filter((e) => e.type === "opportunity.completed.v1");
      return logged.length > 0 ? logged : undefined;
    });
    expect(completions).toMatchObject([{ data: { opportunityId: id, reason: "capacity_reached" } }]);
  }, 60_000);
});
