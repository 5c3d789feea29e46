import { describe, expect, it } from "vitest";
import { signUpWithPassword } from "./support/accounts.js";
import { apiClient } from "./support/api-client.js";

// Members and roles through Hosting: changing a role, removing a member, leaving, and the one
// rule that keeps an organization manageable, that its last owner stays.

async function member(label: string) {
  const account = await signUpWithPassword(label);
  const client = apiClient(account.idToken);
  const userId: string = (await client.get("/v1/account")).body.userId;
  return { client, userId };
}

async function organizationOf(owner: Awaited<ReturnType<typeof member>>) {
  const org = await owner.client.post("/v1/organizations", { name: "Members Org" });
  expect(org.status).toBe(201);
  return org.body.id as string;
}

const rolesOf = (body: { members: Array<{ userId: string; role: string }> }) => Object.fromEntries(body.members.map((m) => [m.userId, m.role]));

describe("members and roles", () => {
  it("changes a role and removes a member; the removed member's keys stop working at once", async () => {
    const owner = await member("owner");
    const developer = await member("developer");
    const orgId = await organizationOf(owner);
    expect((await owner.client.post(`/v1/organizations/${orgId}/members`, { userId: developer.userId, role: "developer" })).status).toBe(200);
    const key = await developer.client.post(`/v1/organizations/${orgId}/api-keys`, { name: "ci", scopes: ["opportunities:read"] });
    expect(key.status).toBe(201);
    expect((await apiClient(key.body.key).get(`/v1/opportunities?orgId=${orgId}`)).status).toBe(200);

    const changed = await owner.client.raw("PATCH", `/v1/organizations/${orgId}/members/${developer.userId}`, { body: { role: "viewer" } });
    expect(changed.status).toBe(200);
    expect(rolesOf(changed.body)[developer.userId]).toBe("viewer");

    const removed = await owner.client.raw("DELETE", `/v1/organizations/${orgId}/members/${developer.userId}`);
    expect(removed.status).toBe(200);
    expect(rolesOf(removed.body)).toEqual({ [owner.userId]: "owner" });
    expect((await developer.client.get(`/v1/organizations/${orgId}`)).status).toBe(404);
    expect((await apiClient(key.body.key).get(`/v1/opportunities?orgId=${orgId}`)).status).toBe(403);

    const again = await owner.client.raw("DELETE", `/v1/organizations/${orgId}/members/${developer.userId}`);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: "not_found" });
  });

  it("keeps the last owner: demoting or removing them answers 409 and changes nothing", async () => {
    const owner = await member("last-owner");
    const orgId = await organizationOf(owner);
    for (const attempt of [
      () => owner.client.raw("PATCH", `/v1/organizations/${orgId}/members/${owner.userId}`, { body: { role: "admin" } }),
      () => owner.client.raw("DELETE", `/v1/organizations/${orgId}/members/${owner.userId}`),
    ]) {
      const refused = await attempt();
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: "invalid_state", reason: "last_owner" });
    }
    expect(rolesOf((await owner.client.get(`/v1/organizations/${orgId}`)).body)).toEqual({ [owner.userId]: "owner" });
  });

  it("lets an admin leave, never remove an owner, and an owner leave once another owner exists", async () => {
    const owner = await member("first-owner");
    const admin = await member("admin");
    const orgId = await organizationOf(owner);
    await owner.client.post(`/v1/organizations/${orgId}/members`, { userId: admin.userId, role: "admin" });
    expect((await admin.client.raw("DELETE", `/v1/organizations/${orgId}/members/${owner.userId}`)).status).toBe(403);
    await owner.client.raw("PATCH", `/v1/organizations/${orgId}/members/${admin.userId}`, { body: { role: "owner" } });
    const left = await owner.client.raw("DELETE", `/v1/organizations/${orgId}/members/${owner.userId}`);
    expect(left.status).toBe(200);
    expect(rolesOf(left.body)).toEqual({ [admin.userId]: "owner" });
  });

  it("two owners demoting each other at once leave one owner, never none", async () => {
    const first = await member("racer-a");
    const second = await member("racer-b");
    const orgId = await organizationOf(first);
    await first.client.post(`/v1/organizations/${orgId}/members`, { userId: second.userId, role: "owner" });
    const answers = await Promise.all([
      first.client.raw("PATCH", `/v1/organizations/${orgId}/members/${second.userId}`, { body: { role: "admin" } }),
      second.client.raw("PATCH", `/v1/organizations/${orgId}/members/${first.userId}`, { body: { role: "admin" } }),
    ]);
    // The loser's change is decided again on the winner's result, where it is no longer an owner.
    expect(answers.map((a) => a.status).sort()).toEqual([200, 403]);
    const roles = rolesOf((await first.client.get(`/v1/organizations/${orgId}`)).body);
    expect(Object.values(roles).sort()).toEqual(["admin", "owner"]);
  });
});
