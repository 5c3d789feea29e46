import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../../src/contracts/api.js";
import type { RouteSpec } from "../../../src/contracts/route.js";
import { problemCodes } from "../../../src/contracts/problems.js";
import { openApiDocument } from "../../../src/http/openapi.js";
import { statusByCode } from "../../../src/http/problem.js";
import { bodyLimitOf, defaultBodyLimitBytes } from "../../../src/http/request-body.js";

// The OpenAPI document states the rules the router enforces, route by route, and every status a
// route can answer, each as a problem response.

interface Operation {
  operationId: string;
  "x-body-limit-bytes": number;
  description: string;
  parameters?: Array<{ name: string; in: string; description?: string; schema: Record<string, unknown> }>;
  requestBody?: { description: string };
  responses: Record<string, { $ref?: string }>;
}

const document = openApiDocument(apiRoutes) as {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { description: string; content: Record<string, { schema: { allOf: [unknown, { properties: { status: { const: number }; code: { enum: string[] } } }] } }> }> };
};
const operationOf = (route: RouteSpec) => document.paths[route.path]![route.method.toLowerCase()]!;

describe("the OpenAPI document states the rules the router enforces", () => {
  it("gives each route its body limit, the declared one where it differs from the default", () => {
    for (const route of apiRoutes) {
      const operation = operationOf(route);
      expect(operation["x-body-limit-bytes"], route.operationId).toBe(bodyLimitOf(route));
      if (route.body) {
        expect(operation.requestBody?.description, route.operationId).toContain(`at most ${bodyLimitOf(route)} bytes`);
      } else {
        expect(operation["x-body-limit-bytes"], route.operationId).toBe(0);
        expect(operation.description, route.operationId).toContain("Takes no body");
      }
    }
    const limits = Object.fromEntries(apiRoutes.map((route) => [route.operationId, operationOf(route)["x-body-limit-bytes"]]));
    expect(limits).toMatchObject({ createClaim: 1024, createOpportunity: defaultBodyLimitBytes, publishOpportunity: 0, listClaims: 0 });
  });

  it("states the Idempotency-Key syntax on every POST and the page parameters' rules on every list", () => {
    for (const route of apiRoutes) {
      const parameters = operationOf(route).parameters ?? [];
      const key = parameters.find((p) => p.name === "Idempotency-Key");
      if (route.method === "POST") expect(key, route.operationId).toMatchObject({ in: "header", schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x20-\\x7E]{1,255}$" } });
      else expect(key, route.operationId).toBeUndefined();
      const cursor = parameters.find((p) => p.name === "cursor");
      if (cursor) {
        expect(cursor.schema, route.operationId).toMatchObject({ type: "string", minLength: 1, maxLength: 512 });
        expect(cursor.description, route.operationId).toContain("nextCursor");
        expect(parameters.find((p) => p.name === "limit"), route.operationId).toMatchObject({ schema: { minimum: 1, maximum: 100 }, description: expect.stringContaining("1 to 100") });
      }
    }
    expect(apiRoutes.filter((route) => operationOf(route).parameters?.some((p) => p.name === "cursor")).map((r) => r.operationId).sort()).toEqual(["listAuditLog", "listClaimSubmissions", "listClaims", "listMyPayouts", "listOpportunities", "listOpportunityClaims", "listOrganizationPayouts", "listPointsEntries", "listRedemptionCatalogue", "listRedemptionOffers", "listRedemptions", "listRewards", "listSubmissions", "listVoucherCodes", "listVoucherPools", "listWebhookEndpointAttempts", "listWebhookMessageAttempts", "listWebhookMessages"]);
  });

  it("lists the problem statuses each route can answer, derived from its declaration", () => {
    for (const route of apiRoutes) {
      const statuses = Object.keys(operationOf(route).responses).filter((status) => /^[45]\d\d$/.test(status)).map(Number);
      const expected = new Set([400, 413, 500, 503]);
      if (route.auth.kind !== "public") expected.add(401).add(403);
      if (route.body) expected.add(415);
      if (route.params) expected.add(404);
      if (route.method === "POST") expected.add(409).add(422);
      if (route.method === "PATCH" || route.method === "DELETE") expected.add(409);
      expect(statuses, route.operationId).toEqual(expect.arrayContaining([...expected]));
      if (!route.body) expect(statuses, route.operationId).not.toContain(415);
      if (route.method !== "GET") expect(statuses, route.operationId).toContain(409);
      else expect(statuses, route.operationId).not.toContain(409);
    }
    const statusesOf = (operationId: string) => Object.keys(operationOf(apiRoutes.find((r) => r.operationId === operationId)!).responses);
    // A body or a query that names a record by id may name one that is not there.
    expect(statusesOf("createClaim")).toContain("404");
    expect(statusesOf("listOpportunities")).toContain("404");
    expect(statusesOf("createOrganization")).not.toContain("404");
    expect(statusesOf("listRewards")).not.toContain("404");
  });

  it("answers each status with a problem document naming the codes it carries", () => {
    for (const route of apiRoutes) {
      for (const [status, response] of Object.entries(operationOf(route).responses).filter(([status]) => status !== String(route.response.status))) {
        const name = response.$ref?.replace("#/components/responses/", "");
        const component = document.components.responses[name ?? ""];
        expect(component, `${route.operationId} ${status}`).toBeDefined();
        expect(Object.keys(component!.content)).toEqual(["application/problem+json"]);
        if (status === "default") continue;
        const { properties } = component!.content["application/problem+json"]!.schema.allOf[1];
        expect(properties.status.const).toBe(Number(status));
        expect(properties.code.enum.sort()).toEqual(problemCodes.filter((code) => statusByCode[code] === Number(status)).sort());
        expect(component!.description).toContain(properties.code.enum[0]);
      }
    }
  });
});
