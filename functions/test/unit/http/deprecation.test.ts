import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../../src/contracts/api.js";
import { deprecationHeaders } from "../../../src/http/deprecation.js";
import { openApiDocument } from "../../../src/http/openapi.js";

// A deprecated route tells its clients so on every answer, and the API reference marks it.

describe("deprecationHeaders", () => {
  it("dates the deprecation as an RFC 9651 date, the sunset as an HTTP date, and links the successor", () => {
    expect(deprecationHeaders({ since: "2026-11-29", sunset: "2027-05-31", successor: "/v1/rewards/points" })).toEqual({
      deprecation: "@1795910400",
      sunset: "Mon, 31 May 2027 00:00:00 GMT",
      link: '</v1/rewards/points>; rel="successor-version"',
    });
  });
});

describe("deprecated routes in the OpenAPI document", () => {
  const document = openApiDocument(apiRoutes) as { paths: Record<string, Record<string, { operationId: string; deprecated?: boolean; description: string }>> };
  const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));

  it("marks each deprecated route, says until when it answers and what replaces it, and only those", () => {
    const deprecated = operations.filter((operation) => operation.deprecated);
    expect(deprecated.map((operation) => operation.operationId)).toEqual(apiRoutes.filter((route) => route.deprecated).map((route) => route.operationId));
    expect(deprecated.find((operation) => operation.operationId === "getBalance")?.description).toMatch(/^Deprecated since 2026-11-29; answers until 2027-05-31, then use \/v1\/rewards\/points\./);
  });

  it("points every successor at a route that exists and is not deprecated itself", () => {
    for (const route of apiRoutes.filter((candidate) => candidate.deprecated)) {
      const successor = apiRoutes.find((candidate) => candidate.path === route.deprecated?.successor && candidate.method === route.method);
      expect(successor, route.operationId).toBeDefined();
      expect(successor?.deprecated, route.operationId).toBeUndefined();
    }
  });
});
