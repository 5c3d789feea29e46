import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../../src/contracts/api.js";
import { openApiDocument } from "../../../src/http/openapi.js";

describe("the OpenAPI document", () => {
  const document = openApiDocument(apiRoutes);

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every route once, with its security and problem responses", () => {
    const operations = Object.values(document.paths as Record<string, Record<string, { operationId: string; security: unknown[]; responses: Record<string, unknown> }>>).flatMap((methods) => Object.values(methods));
    expect(operations.map((o) => o.operationId).sort()).toEqual([...apiRoutes.map((r) => r.operationId), "getHealth"].sort());
    // Public: the health check, and the one-click unsubscribe links, whose signature is the credential.
    const open = new Set(["getHealth", ...apiRoutes.filter((r) => r.auth.kind === "public").map((r) => r.operationId)]);
    const guarded = operations.filter((o) => !open.has(o.operationId));
    expect(guarded.length).toBeGreaterThan(0);
    for (const operation of guarded) {
      expect(operation.security.length, operation.operationId).toBeGreaterThan(0);
      expect(operation.responses, operation.operationId).toHaveProperty("default");
    }
  });
});
