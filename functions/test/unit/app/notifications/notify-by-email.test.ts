import { describe, expect, it } from "vitest";
import { notifyByEmail } from "../../../../src/app/notifications/notify-by-email.js";
import type { DomainEvent } from "../../../../src/contracts/events.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { sendingLeaseMs } from "../../../../src/domain/notifications/notification.js";
import { activeOpportunity } from "../../support/fixtures.js";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "../../../../src/domain/notifications/unsubscribe-token.js";
import { inMemoryDeps, testEmailLinkSecret, type InMemoryDeps } from "../../support/in-memory-ports.js";
import { participantWithProfile } from "../../support/participants.js";

async function setUp(locale: "en" | "de" | null = null) {
  const deps = inMemoryDeps();
  const opportunity = await activeOpportunity(deps, { title: "Tea tasting" });
  const principal = await participantWithProfile(deps, { locale });
  deps.emailDirectory.verify(`firebase:${principal.userId}`, "ada@example.test");
  const event: DomainEvent = {
    id: "evt_claimcreated000000000001",
    type: "claim.created.v1",
    version: 1,
    orgId: opportunity.orgId,
    occurredAt: deps.clock.now().toISOString(),
    data: { claimId: "clm_000000000000000000000001", opportunityId: opportunity.id, userId: principal.userId },
  };
  return { deps, event, userId: principal.userId };
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("notifyByEmail", () => {
  it("sends one email however often the event is delivered", async () => {
    const { deps, event } = await setUp();
    expect(await notifyByEmail(deps, event)).toBe("email sent");
    expect(await notifyByEmail(deps, event)).toBe("email sent");
    expect(await notifyByEmail(deps, event)).toBe("email sent");
    expect(deps.mailer.sent).toHaveLength(1);
    expect(deps.mailer.sent[0]).toMatchObject({ to: "ada@example.test", subject: "You claimed “Tea tasting”" });
  });

  it("carries a signed one-click unsubscribe link of the email's category (RFC 8058), and the page's link in its body", async () => {
    const { deps, event, userId } = await setUp();
    await notifyByEmail(deps, event);
    const token = signUnsubscribeToken(testEmailLinkSecret, { userId, category: "claims" });
    expect(deps.mailer.sent[0]?.headers).toEqual({ "List-Unsubscribe": `<https://app.user-x.test/v1/unsubscribe/${token}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(verifyUnsubscribeToken(testEmailLinkSecret, token)).toEqual({ userId, category: "claims" });
    expect(deps.mailer.sent[0]?.text).toContain(`https://app.user-x.test/unsubscribe/${token}`);
    expect(deps.mailer.sent[0]?.html).toContain(`href="https://app.user-x.test/unsubscribe/${token}"`);
  });

  it("writes in the participant's language", async () => {
    const { deps, event } = await setUp("de");
    await notifyByEmail(deps, event);
    expect(deps.mailer.sent[0]?.subject).toBe("Sie haben „Tea tasting“ übernommen");
    expect(deps.mailer.sent[0]?.html).toContain('<html lang="de">');
  });

  it("leaves an email whose send failed to the next delivery, and sends it then", async () => {
    const { deps, event } = await setUp();
    deps.mailer.failNext = 1;
    const failure = await failureOf(notifyByEmail(deps, event));
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe("unavailable");
    // The failed delivery holds the claim until its lease runs out: a redelivery before then waits.
    expect((await failureOf(notifyByEmail(deps, event)) as AppError).code).toBe("unavailable");
    expect(deps.mailer.sent).toHaveLength(0);
    deps.clock.advance(sendingLeaseMs);
    expect(await notifyByEmail(deps, event)).toBe("email sent");
    expect(deps.mailer.sent).toHaveLength(1);
  });

  it("sends nothing in a category the participant opted out of, and records that", async () => {
    const { deps, event, userId } = await setUp();
    const user = (await deps.users.findById(userId))!;
    await deps.users.save({ ...user, emailOptOuts: ["claims"] }, user.version);
    expect(await notifyByEmail(deps, event)).toBe("email skipped (opted_out:claims)");
    expect(deps.mailer.sent).toHaveLength(0);
  });

  it("sends nothing to a participant without a verified address", async () => {
    const { deps, event } = await setUp();
    const other = { ...event, id: "evt_claimcreated000000000002", data: { ...event.data, userId: "usr_nobodyknows0000000000001" } } as DomainEvent;
    expect(await notifyByEmail(deps as InMemoryDeps, other)).toBe("email skipped (no_user)");
    expect(deps.mailer.sent).toHaveLength(0);
  });
});
