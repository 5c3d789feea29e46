import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { signUpWithEmail, signUpWithPassword, verifyEmail } from "./support/accounts.js";
import { apiClient } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";

// Invitations by email through Hosting, with accounts of the real Auth emulator: only a person
// whose ID token proves the invited address (verified) may join, and only while the invitation is pending.

const database = platformDatabase();
afterAll(() => database.close());

const address = (label: string) => `${label}-${randomBytes(6).toString("hex")}@test.user-x.dev`;

async function member(label: string) {
  const account = await signUpWithPassword(label);
  const client = apiClient(account.idToken);
  const userId: string = (await client.get("/v1/account")).body.userId;
  return { client, userId };
}

async function organizationWithViewer() {
  const owner = await member("inviting-owner");
  const org = await owner.client.post("/v1/organizations", { name: "Inviting Org" });
  expect(org.status).toBe(201);
  const viewer = await member("inviting-viewer");
  expect((await owner.client.post(`/v1/organizations/${org.body.id}/members`, { userId: viewer.userId, role: "viewer" })).status).toBe(200);
  return { owner, viewer, orgId: org.body.id as string };
}

/** The invited person, signed up with the address but not (yet) verified. */
async function signedUpInvitee(email: string) {
  const account = await signUpWithEmail(email);
  return { ...account, client: apiClient(account.idToken), userId: (await apiClient(account.idToken).get("/v1/account")).body.userId as string };
}

describe("invitations by email", () => {
  it("lets the invited person join once their address is verified, with the invited role", async () => {
    const { owner, viewer, orgId } = await organizationWithViewer();
    const email = address("invitee");

    const refused = await viewer.client.post(`/v1/organizations/${orgId}/invitations`, { email, role: "reviewer" });
    expect(refused.status).toBe(403);
    expect((await viewer.client.get(`/v1/organizations/${orgId}/invitations`)).status).toBe(403);

    const invited = await owner.client.post(`/v1/organizations/${orgId}/invitations`, { email: `  ${email.toUpperCase()} `, role: "reviewer" });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ orgId, email, role: "reviewer", status: "pending" });
    const invitationId: string = invited.body.id;
    const twice = await owner.client.post(`/v1/organizations/${orgId}/invitations`, { email, role: "admin" });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: "conflict", reason: "already_invited", invitationId });
    expect((await owner.client.get(`/v1/organizations/${orgId}/invitations`)).body.data).toEqual([invited.body]);

    // Email/password sign-up does not verify the address: it could be anyone's.
    const invitee = await signedUpInvitee(email);
    expect((await invitee.client.get("/v1/account/invitations")).body.data).toEqual([]);
    const unverified = await invitee.client.post(`/v1/account/invitations/${invitationId}/accept`);
    expect(unverified.status).toBe(403);
    expect(unverified.body).toMatchObject({ code: "forbidden", reason: "email_not_verified" });
    expect((await invitee.client.get(`/v1/organizations/${orgId}`)).status).toBe(404);

    const verified = apiClient(await verifyEmail(invitee.localId, email));
    const received = await verified.get("/v1/account/invitations");
    expect(received.body.data).toEqual([{ ...invited.body, organizationName: "Inviting Org" }]);
    const joined = await verified.post(`/v1/account/invitations/${invitationId}/accept`);
    expect(joined.status).toBe(200);
    expect(joined.body.members).toContainEqual({ userId: invitee.userId, role: "reviewer" });
    const again = await verified.post(`/v1/account/invitations/${invitationId}/accept`, undefined, { "idempotency-key": `accept-${invitationId}` });
    expect(again.status).toBe(200);
    expect(again.body.members.filter((m: { userId: string }) => m.userId === invitee.userId)).toHaveLength(1);

    expect((await verified.get(`/v1/organizations/${orgId}`)).status).toBe(200);
    expect((await verified.get("/v1/account/invitations")).body.data).toEqual([]);
    expect((await owner.client.get(`/v1/organizations/${orgId}/invitations`)).body.data).toEqual([]);
    const member = await owner.client.post(`/v1/organizations/${orgId}/invitations`, { email, role: "admin" });
    expect(member.status).toBe(409);
    expect(member.body).toMatchObject({ code: "conflict", reason: "already_member" });

    // Removed, the person gets neither the organization back from a replayed answer nor a way back in.
    expect((await owner.client.raw("DELETE", `/v1/organizations/${orgId}/members/${invitee.userId}`)).status).toBe(200);
    const replayed = await verified.post(`/v1/account/invitations/${invitationId}/accept`, undefined, { "idempotency-key": `accept-${invitationId}` });
    expect(replayed.status).toBe(404);
    const reused = await verified.post(`/v1/account/invitations/${invitationId}/accept`);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: "invalid_state", reason: "invitation_accepted" });
    expect((await verified.get(`/v1/organizations/${orgId}`)).status).toBe(404);
  });

  it("refuses a revoked or an expired invitation and changes nothing", async () => {
    const { owner, orgId } = await organizationWithViewer();
    const email = address("late");
    const invitee = await signedUpInvitee(email);
    const verified = apiClient(await verifyEmail(invitee.localId, email));

    const revoked = await owner.client.post(`/v1/organizations/${orgId}/invitations`, { email, role: "viewer" });
    const revoking = await owner.client.raw("DELETE", `/v1/organizations/${orgId}/invitations/${revoked.body.id}`);
    expect(revoking.status).toBe(200);
    expect(revoking.body).toMatchObject({ id: revoked.body.id, status: "revoked" });
    const afterRevoke = await verified.post(`/v1/account/invitations/${revoked.body.id}/accept`);
    expect(afterRevoke.status).toBe(409);
    expect(afterRevoke.body).toMatchObject({ code: "invalid_state", reason: "invitation_revoked" });

    // Fourteen days are not waited for: the stored expiry is moved into the past.
    const expiring = await owner.client.post(`/v1/organizations/${orgId}/invitations`, { email, role: "viewer" });
    expect(expiring.status).toBe(201);
    await database.db.collection("invitations").updateOne({ _id: expiring.body.id }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });
    expect((await verified.get("/v1/account/invitations")).body.data).toEqual([]);
    const afterExpiry = await verified.post(`/v1/account/invitations/${expiring.body.id}/accept`);
    expect(afterExpiry.status).toBe(409);
    expect(afterExpiry.body).toMatchObject({ code: "invalid_state", reason: "invitation_expired" });

    const org = await owner.client.get(`/v1/organizations/${orgId}`);
    expect(org.body.members.map((m: { userId: string }) => m.userId)).not.toContain(invitee.userId);
    // The expired invitation no longer holds the address: the owner may invite it again.
    expect((await owner.client.post(`/v1/organizations/${orgId}/invitations`, { email, role: "viewer" })).status).toBe(201);
  });
});
