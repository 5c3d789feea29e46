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
    const guarded = operations.filter((o) => o.operationId !== "getHealth");
    expect(guarded.length).toBeGreaterThan(0);
    for (const operation of guarded) {
      expect(operation.security.length, operation.operationId).toBeGreaterThan(0);
      expect(operation.responses, operation.operationId).toHaveProperty("default");
    }
  });
});
