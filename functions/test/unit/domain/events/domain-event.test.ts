import { describe, expect, it } from "vitest";
import { DomainEvent } from "../../../../src/contracts/events.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";

describe("domainEvent", () => {
  it("stamps a version 1 envelope that the event contract accepts", () => {
    const event = domainEvent("opportunity.published.v1", "org_0000000000000001", { opportunityId: "opp_0000000000000001" }, "evt_0000000000000001", new Date("2026-03-02T09:00:00.000Z"));
    expect(event).toEqual({
      id: "evt_0000000000000001",
      type: "opportunity.published.v1",
      version: 1,
      orgId: "org_0000000000000001",
      occurredAt: "2026-03-02T09:00:00.000Z",
      data: { opportunityId: "opp_0000000000000001" },
    });
    expect(DomainEvent.safeParse(event).success).toBe(true);
  });
});
