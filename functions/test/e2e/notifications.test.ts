import { PubSub } from "@google-cloud/pubsub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainEventsTopic } from "../../src/adapters/pubsub/topics.js";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { emailsTo, readEmail } from "../integration/support/mailpit.js";
import { signUpWithPassword, verifyEmail } from "./support/accounts.js";
import { apiClient } from "./support/api-client.js";
import { watchEventPipeline, type EventPipeline } from "./support/event-pipeline.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity } from "./support/scenario.js";

// Email notifications through the local Mailpit, read back through its HTTP API: one email per
// event and recipient however often the event is delivered, in the participant's language.

const database = platformDatabase();
const pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
let pipeline: EventPipeline;

beforeAll(async () => {
  pipeline = await watchEventPipeline(database.db);
});

afterAll(async () => {
  await pipeline.close();
  await pubsub.close();
  await database.close();
});

/** A participant with a verified address (only those get email) who reads email in `locale`. */
async function participantReading(locale: string) {
  const { localId, email } = await signUpWithPassword("reader");
  const participant = apiClient(await verifyEmail(localId, email));
  const profile = await participant.patch("/v1/me", { locale });
  expect(profile.status).toBe(200);
  return { participant, email, locale: profile.body.locale as string };
}

async function storedEvent(type: string, claimId: string) {
  const events = database.db.collection<{ _id: string; type: string; data: Record<string, unknown> }>("events");
  return eventually(async () => (await events.findOne({ type, "data.claimId": claimId })) ?? undefined);
}

describe("email notifications", () => {
  it("sends one email for a claim whose event is delivered three times, in the participant's language", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ title: "Kaffee-Umfrage" });
    const { participant, email, locale } = await participantReading("de-AT");
    expect(locale).toBe("de");
    const claim = await participant.post("/v1/claims", { opportunityId: opportunity.id });
    expect(claim.status).toBe(201);
    const { _id: eventId, ...rest } = await storedEvent("claim.created.v1", claim.body.id as string);

    const topic = pubsub.topic(domainEventsTopic);
    for (let i = 0; i < 2; i++) await topic.publishMessage({ json: { id: eventId, ...rest }, attributes: { type: "claim.created.v1", eventId } });
    await pipeline.settle([eventId]);
    // The email subscriber has taken every copy too: it logs one outcome per copy.
    const outcomes = await eventually(async () => {
      const handled = (await pipeline.outcomes(eventId)).notifyByEmail;
      return handled.length >= pipeline.copiesOf(eventId) ? handled : undefined;
    }, 60_000);
    expect(pipeline.copiesOf(eventId)).toBeGreaterThanOrEqual(3);
    expect(outcomes.filter((outcome) => outcome !== "already_handled")).toEqual(["email sent"]);

    const received = await emailsTo(email);
    expect(received).toHaveLength(1);
    const message = await readEmail(received[0]!.ID);
    expect(message.Subject).toBe("Sie haben „Kaffee-Umfrage“ übernommen");
    expect(message.Text).toContain("Ihr Platz in „Kaffee-Umfrage“ ist reserviert.");
    expect(message.HTML).toContain('<html lang="de">');
    // Derived from the event and the recipient: the same on any resend, for receivers that deduplicate.
    expect(message.MessageID).toBe(`${eventId}.${String(rest.data.userId)}@notifications.user-x`);
  });

  it("sends nothing to a participant whose address is not verified", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity();
    const { idToken, email } = await signUpWithPassword("unverified");
    const claim = await apiClient(idToken).post("/v1/claims", { opportunityId: opportunity.id });
    expect(claim.status).toBe(201);
    const { _id: eventId } = await storedEvent("claim.created.v1", claim.body.id as string);
    await pipeline.settle([eventId]);
    const outcomes = await eventually(async () => {
      const handled = (await pipeline.outcomes(eventId)).notifyByEmail;
      return handled.length > 0 ? handled : undefined;
    }, 60_000);
    expect(outcomes[0]).toBe("email skipped (no_verified_address)");
    expect(await emailsTo(email)).toEqual([]);
  });
});
