import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PubSub } from "@google-cloud/pubsub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainEventsTopic } from "../../src/adapters/pubsub/topics.js";
import { eventually, platformEnv } from "../integration/support/local-platform.js";
import { emailsTo, readEmail, type MailpitMessage } from "../integration/support/mailpit.js";
import { signUpWithPassword, verifyEmail } from "./support/accounts.js";
import { apiClient } from "./support/api-client.js";
import { watchEventPipeline, type EventPipeline } from "./support/event-pipeline.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity, surveyOpportunity } from "./support/scenario.js";

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

/**
 * The email's one-click unsubscribe (RFC 8058) works without signing in: the header's URL answers a
 * POST of List-Unsubscribe=One-Click by turning the email's category off; a GET and a tampered
 * token change nothing, the latter refused as problem+json.
 */
async function unsubscribesInOneClick(message: MailpitMessage, participant: ReturnType<typeof apiClient>) {
  expect(message.headers["List-Unsubscribe-Post"]).toEqual(["List-Unsubscribe=One-Click"]);
  const header = /^<(https?:\/\/[^>]+\/v1\/unsubscribe\/([A-Za-z0-9._-]+))>$/.exec(message.headers["List-Unsubscribe"]?.[0] ?? "");
  expect(header, JSON.stringify(message.headers)).not.toBeNull();
  const [, url = "", token = ""] = header!;
  // The body links to the confirmation page, which the web app serves.
  expect(message.Text).toContain(`/unsubscribe/${token}`);
  const confirmationPage = await fetch(url.replace("/v1/unsubscribe/", "/unsubscribe/"));
  expect(confirmationPage.status).toBe(200);
  expect(confirmationPage.headers.get("content-type")).toContain("text/html");

  const read = await fetch(url);
  expect(read.status).toBe(200);
  expect(await read.json()).toEqual({ category: "claims", subscribed: true });

  const oneClick = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" };
  const tampered = await fetch(url.replace(`.claims.`, ".rewards."), oneClick);
  expect(tampered.status).toBe(403);
  expect(tampered.headers.get("content-type")).toContain("application/problem+json");
  expect(await tampered.json()).toMatchObject({ code: "forbidden", reason: "invalid_unsubscribe_link" });
  expect((await participant.get("/v1/me/email-preferences")).body).toEqual({ claims: true, reviews: true, rewards: true, payouts: true });

  for (let i = 0; i < 2; i++) {
    const done = await fetch(url, oneClick);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ category: "claims", subscribed: false });
  }
  expect((await participant.get("/v1/me/email-preferences")).body).toEqual({ claims: false, reviews: true, rewards: true, payouts: true });
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

    await unsubscribesInOneClick(message, participant);
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

describe("emails to an organization's admins", () => {
  // Skipped until the operational events reach notifyByEmail: the delivery fans them out to the
  // other endpoints directly and records them nowhere a subscriber reads (README, Notifications),
  // so the first wait below never sees endpoint.disabled.v1 in the event log.
  it.skip("tells each owner and admin once, in their language, when an endpoint answering 410 is disabled; a viewer gets none", { timeout: 120_000 }, async () => {
    // A receiver on loopback that answers every webhook 410 Gone: its first delivery disables the endpoint.
    const receiver = createServer((req, res) => req.resume().on("end", () => res.writeHead(410).end()));
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const verified = async (label: string) => {
        const { localId, email } = await signUpWithPassword(label);
        const client = apiClient(await verifyEmail(localId, email));
        const me = await client.get("/v1/me");
        expect(me.status).toBe(200);
        return { client, email, userId: me.body.userId as string };
      };
      const [owner, admin, viewer] = [await verified("owner"), await verified("admin"), await verified("viewer")];
      expect((await admin.client.patch("/v1/me", { locale: "de" })).status).toBe(200);
      const org = await owner.client.post("/v1/organizations", { name: "Gone Webhooks GmbH" });
      expect(org.status).toBe(201);
      for (const [member, role] of [[admin, "admin"], [viewer, "viewer"]] as const) {
        expect((await owner.client.post(`/v1/organizations/${org.body.id}/members`, { userId: member.userId, role })).status).toBe(200);
      }
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gone`;
      const endpoint = await owner.client.post(`/v1/organizations/${org.body.id}/webhook-endpoints`, { url, eventTypes: ["opportunity.published.v1"] });
      expect(endpoint.status).toBe(201);
      const draft = await owner.client.post("/v1/opportunities", surveyOpportunity(org.body.id));
      expect((await owner.client.post(`/v1/opportunities/${draft.body.id}/publish`)).status).toBe(200);

      const events = database.db.collection<{ _id: string; type: string; orgId: string; data: Record<string, unknown> }>("events");
      const disabled = await eventually(async () => (await events.findOne({ type: "endpoint.disabled.v1", "data.endpointId": endpoint.body.id })) ?? undefined, 60_000);
      const { _id: eventId, ...rest } = disabled;
      for (let i = 0; i < 2; i++) await pubsub.topic(domainEventsTopic).publishMessage({ json: { id: eventId, ...rest }, attributes: { type: rest.type, eventId } });
      await pipeline.settle([eventId]);
      await eventually(async () => ((await pipeline.outcomes(eventId)).notifyByEmail.length >= pipeline.copiesOf(eventId) ? true : undefined), 60_000);

      const toOwner = await eventually(async () => ((await emailsTo(owner.email)).length > 0 ? emailsTo(owner.email) : undefined));
      const toAdmin = await eventually(async () => ((await emailsTo(admin.email)).length > 0 ? emailsTo(admin.email) : undefined));
      expect(toOwner).toHaveLength(1);
      expect(toAdmin).toHaveLength(1);
      expect(await emailsTo(viewer.email)).toEqual([]);
      const ownerEmail = await readEmail(toOwner[0]!.ID);
      expect(ownerEmail.Subject).toBe("A webhook endpoint of Gone Webhooks GmbH was disabled");
      expect(ownerEmail.Text).toContain(`The webhook endpoint ${url} of Gone Webhooks GmbH was disabled: it answered 410 Gone.`);
      expect(ownerEmail.headers["List-Unsubscribe"]).toBeUndefined();
      expect((await readEmail(toAdmin[0]!.ID)).Subject).toBe("Ein Webhook-Endpunkt von Gone Webhooks GmbH wurde deaktiviert");
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
