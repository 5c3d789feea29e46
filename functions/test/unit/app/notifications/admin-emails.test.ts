import { describe, expect, it } from "vitest";
import { notifyByEmail } from "../../../../src/app/notifications/notify-by-email.js";
import type { DomainEvent } from "../../../../src/contracts/events.js";
import { newUser } from "../../../../src/domain/identity/user.js";
import { organizationWithEveryRole, storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

async function setUp() {
  const deps = inMemoryDeps();
  const { org, owner, admin, reviewer } = await organizationWithEveryRole(deps);
  for (const [person, address] of [[owner, "owner@acme.test"], [admin, "admin@acme.test"], [reviewer, "reviewer@acme.test"]] as const) {
    await deps.users.insert(newUser(`firebase:${person.userId}`, person.userId, deps.clock.now()));
    deps.emailDirectory.verify(`firebase:${person.userId}`, address);
  }
  const adminUser = (await deps.users.findById(admin.userId))!;
  await deps.users.save({ ...adminUser, profile: { ...adminUser.profile, locale: "de" } }, adminUser.version);
  const endpoint = await storedEndpoint(deps, org.id, ["claim.created.v1"]);
  const event = (type: string, data: Record<string, unknown>): DomainEvent =>
    ({ id: `evt_${type.replace(/\W/g, "")}00000001`, type, version: 1, orgId: org.id, occurredAt: deps.clock.now().toISOString(), data }) as DomainEvent;
  return { deps, endpoint, event };
}

describe("emails to an organization's admins", () => {
  it("tells each owner and admin, in their language, that an endpoint was disabled: once however often the event comes", async () => {
    const { deps, endpoint, event } = await setUp();
    const disabled = event("endpoint.disabled.v1", { endpointId: endpoint.id, reason: "failing", failingSince: deps.clock.now().toISOString() });
    for (let i = 0; i < 3; i++) await notifyByEmail(deps, disabled);
    expect(deps.mailer.sent.map((email) => email.to).sort()).toEqual(["admin@acme.test", "owner@acme.test"]);
    const toOwner = deps.mailer.sent.find((email) => email.to === "owner@acme.test")!;
    expect(toOwner.subject).toBe("A webhook endpoint of Acme Research was disabled");
    expect(toOwner.text).toContain(`The webhook endpoint ${endpoint.url} of Acme Research was disabled: its deliveries kept failing.`);
    expect(toOwner.text).toContain(`https://app.user-x.test/console/webhooks/${endpoint.id}`);
    expect(toOwner.text).toContain("because you are an owner or admin of Acme Research");
    // Operational mail: no participant's unsubscribe link or preferences page.
    expect(toOwner.headers).toEqual({});
    expect(toOwner.text).not.toContain("/preferences");
    expect(deps.mailer.sent.find((email) => email.to === "admin@acme.test")!.subject).toBe("Ein Webhook-Endpunkt von Acme Research wurde deaktiviert");
  });

  it("tells them deliveries are failing, with the attempts and the last status", async () => {
    const { deps, endpoint, event } = await setUp();
    const failing = event("message.attempt.failing.v1", { messageId: "msg_0000000000000001", endpointId: endpoint.id, eventId: "evt_0000000000000001", eventType: "claim.created.v1", attempts: 4, lastStatus: 503 });
    expect(await notifyByEmail(deps, failing)).toBe("email sent; email sent");
    const toOwner = deps.mailer.sent.find((email) => email.to === "owner@acme.test")!;
    expect(toOwner.subject).toBe(`Webhook deliveries to ${endpoint.url} are failing`);
    expect(toOwner.text).toContain("are failing: 4 attempts so far, the last answered 503. We keep retrying.");
  });

  it("sends one failing email per endpoint and day, however many of its messages fail", async () => {
    const { deps, endpoint, event } = await setUp();
    const failing = (n: number) => ({ ...event("message.attempt.failing.v1", { messageId: `msg_000000000000000${n}`, endpointId: endpoint.id, eventId: `evt_000000000000000${n}`, eventType: "claim.created.v1", attempts: 4, lastStatus: null }), id: `evt_failing00000000000${n}` }) as DomainEvent;
    expect(await notifyByEmail(deps, failing(1))).toBe("email sent; email sent");
    expect(await notifyByEmail(deps, failing(2))).toBe("email sent; email sent");
    expect(deps.mailer.sent).toHaveLength(2);
    expect(deps.mailer.sent[0]!.text).toContain("4 attempts so far, without an answer.");
  });

  it("sends nothing for an organization that is gone", async () => {
    const { deps, endpoint } = await setUp();
    const orphan = { id: "evt_orphan000000000001", type: "endpoint.disabled.v1", version: 1, orgId: "org_Gone000000000000001", occurredAt: deps.clock.now().toISOString(), data: { endpointId: endpoint.id, reason: "gone", failingSince: null } } as DomainEvent;
    expect(await notifyByEmail(deps, orphan)).toBe("no admin to email");
    expect(deps.mailer.sent).toEqual([]);
  });
});
