import { z } from "zod";
import { HealthOut } from "../contracts/health.js";
import { ProblemOut } from "../contracts/common.js";
import type { RouteSpec } from "../contracts/route.js";
import { errorCodes } from "../domain/app-error.js";
import { bodyLimitBytes } from "./request-body.js";

type JsonSchema = Record<string, unknown>;

/** The OpenAPI 3.1 document of API v1, derived from the route declarations alone. */
export function openApiDocument(routes: readonly RouteSpec[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  paths["/v1/health"] = {
    get: {
      operationId: "getHealth",
      summary: "Health of every dependency, with latency; 503 when one is down",
      tags: ["Platform"],
      security: [],
      responses: {
        "200": jsonResponse("Every dependency is up", HealthOut),
        "503": jsonResponse("A dependency is down", HealthOut),
      },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "User-X API",
      version: "1",
      description: `Errors are RFC 9457 problem documents (application/problem+json) with a stable \`code\`: ${errorCodes.join(", ")}. Bodies are limited to ${bodyLimitBytes} bytes; unknown fields are rejected. POST routes accept an Idempotency-Key header.`,
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        idToken: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A Firebase Authentication (or OIDC) ID token" },
        apiKey: { type: "http", scheme: "bearer", description: "An organization API key, `uxk_…`" },
      },
    },
    paths,
  };
}

function operation(route: RouteSpec): JsonSchema {
  const parameters = [
    ...schemaParameters(route.params, "path"),
    ...schemaParameters(route.query, "query"),
    ...(route.method === "POST" ? [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } }] : []),
  ];
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: security(route),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(route.body, "input") } } } } : {}),
    responses: {
      [String(route.response.status)]: jsonResponse("Success", route.response.schema),
      default: { description: "A problem", content: { "application/problem+json": { schema: toSchema(ProblemOut, "output") } } },
    },
  };
}

function security(route: RouteSpec): JsonSchema[] {
  switch (route.auth.kind) {
    case "public":
      return [];
    case "user":
      return [{ idToken: [] }];
    case "user_or_api_key":
      return [{ idToken: [] }, { apiKey: [route.auth.scope] }];
  }
}

function schemaParameters(schema: z.ZodObject | undefined, location: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({ name, in: location, required: location === "path" || required.has(name), schema: property }));
}

function jsonResponse(description: string, schema: z.ZodType): JsonSchema {
  return { description, content: { "application/json": { schema: toSchema(schema, "output") } } };
}

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" });
  return json;
}
