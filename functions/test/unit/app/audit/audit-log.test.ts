import { describe, expect, it } from "vitest";
import { recordAudit } from "../../../../src/app/audit/record-audit.js";
import { listAuditLog, verifyAuditLog } from "../../../../src/app/audit/read-audit-log.js";
import { summaryOf } from "../../../../src/domain/audit/audit-entry.js";
import { organizationWithEveryRole } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

async function recordThree(deps: InMemoryDeps) {
  const people = await organizationWithEveryRole(deps);
  const base = { principal: people.owner, clientAddress: "203.0.113.5", requestId: "req-1" };
  await recordAudit(deps, { ...base, action: "api_key.created", params: { orgId: people.org.id }, body: { name: "ci", scopes: ["claims:read"] }, output: { id: "key_0000000000000001", orgId: people.org.id } });
  await recordAudit(deps, { ...base, action: "api_key.revoked", params: { orgId: people.org.id, keyId: "key_0000000000000001" }, body: undefined, output: {} });
  await recordAudit(deps, { ...base, action: "webhook_endpoint.created", params: { orgId: people.org.id }, body: { url: "https://example.com/h", headers: { authorization: "Bearer s3cret" } }, output: { id: "whe_0000000000000001" } });
  return people;
}

describe("the audit log", () => {
  it("chains an organization's privileged actions with who, what, on what, from where, and the change", async () => {
    const deps = inMemoryDeps();
    const { org, owner, viewer } = await recordThree(deps);

    const page = await listAuditLog(deps, owner, org.id, { limit: 2 });
    expect(page.data).toMatchObject([
      { seq: 3, action: "webhook_endpoint.created", target: { type: "webhook_endpoint", id: "whe_0000000000000001" }, summary: { url: "https://example.com/h", headers: "[redacted]" } },
      { seq: 2, action: "api_key.revoked", target: { type: "api_key", id: "key_0000000000000001" }, actor: { kind: "user", id: owner.userId }, clientAddress: "203.0.113.5" },
    ]);
    const rest = await listAuditLog(deps, owner, org.id, { limit: 2, cursor: page.nextCursor! });
    expect(rest).toMatchObject({ data: [{ seq: 1, action: "api_key.created", summary: { name: "ci", created: "key_0000000000000001" } }], nextCursor: null });
    expect((await listAuditLog(deps, owner, org.id, { limit: 10, action: "api_key.revoked" })).data.map((e) => e.seq)).toEqual([2]);
    await expect(listAuditLog(deps, viewer, org.id, { limit: 10 })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("verifies while untouched, and finds an edited, a removed or a relinked entry", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await recordThree(deps);
    expect(await verifyAuditLog(deps, owner, org.id)).toMatchObject({ valid: true, checked: 3, broken: null });

    const chain = deps.auditLog.chains.get(org.id)!;
    const original = structuredClone(chain);
    chain[1]!.summary = { note: "nothing happened" };
    expect(await verifyAuditLog(deps, owner, org.id)).toMatchObject({ valid: false, broken: { seq: 2, reason: "edited" } });

    deps.auditLog.chains.set(org.id, [original[0]!, original[2]!]);
    expect(await verifyAuditLog(deps, owner, org.id)).toMatchObject({ valid: false, broken: { seq: 2, reason: "missing" } });

    // A forger who renumbers and re-hashes the tail still cannot link it to what came before.
    deps.auditLog.chains.set(org.id, [original[0]!, { ...original[2]!, seq: 2 }]);
    expect((await verifyAuditLog(deps, owner, org.id)).broken).toMatchObject({ seq: 2 });
  });

  it("keeps a body's fields but never what could hold a credential", () => {
    expect(summaryOf({ name: "n", secret: "x", apiKey: "y", headers: { a: "b" }, token: "t", long: "z".repeat(300) })).toEqual({
      name: "n",
      secret: "[redacted]",
      apiKey: "[redacted]",
      headers: "[redacted]",
      token: "[redacted]",
      long: `${"z".repeat(200)}…`,
    });
  });
});
