import { afterAll, describe, expect, it } from "vitest";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity } from "./support/scenario.js";

// The outbox's safety net: events a crash left in a document (written, never relayed, no relay
// task) are relayed by the scheduled sweep. Cloud Scheduler runs a 2nd-gen schedule with an
// HTTP POST; the Functions emulator serves the function under the id `sweepOutboxes-0` and
// runs no schedules itself, so the test posts as the scheduler would instead of waiting.

const database = platformDatabase();
afterAll(() => database.close());

describe("the scheduled outbox sweep", () => {
  it("relays an event stranded in an outbox", async () => {
    const { opportunity } = await publishedOpportunity();
    const stranded = {
      id: `evt_stranded${Date.now()}`,
      type: "opportunity.published.v1",
      version: 1,
      orgId: opportunity.orgId,
      occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      data: { opportunityId: opportunity.id },
    };
    const opportunities = database.db.collection<{ _id: string; outbox?: unknown[] }>("opportunities");
    expect((await opportunities.updateOne({ _id: opportunity.id }, { $push: { outbox: stranded } })).modifiedCount).toBe(1);
    const events = database.db.collection<{ _id: string }>("events");
    expect(await events.findOne({ _id: stranded.id })).toBeNull();

    const run = await fetch(`${platformEnv("USERX_FUNCTIONS_URL")}/sweepOutboxes-0`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(run.status).toBe(200);

    // Relayed: in the event log, and gone from the outbox, which a relay clears only once it has published.
    await eventually(async () => {
      const logged = await events.findOne({ _id: stranded.id });
      const outbox = (await opportunities.findOne({ _id: opportunity.id }))?.outbox;
      return logged && outbox?.length === 0 ? true : undefined;
    }, 30_000);
  });
});
