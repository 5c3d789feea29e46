import { z } from "zod";
import { HealthOut } from "../contracts/health.js";
import { ProblemOut } from "../contracts/common.js";
import type { RouteSpec } from "../contracts/route.js";
import { errorCodes } from "../domain/app-error.js";
import { bodyLimitBytes } from "./request-body.js";

type JsonSchema = Record<string, unknown>;

/** The OpenAPI 3.1 document of API v1, derived from the route declarations alone. */
export function openApiDocument(routes: readonly RouteSpec[]): JsonSchema {
  const components = new Components();
  const toSchema = (schema: z.ZodType, io: "input" | "output") => components.convert(schema, io);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, toSchema);
  }
  paths["/v1/health"] = {
    get: {
      operationId: "getHealth",
      summary: "Health of every dependency, with latency; 503 when one is down",
      tags: ["Platform"],
      security: [],
      responses: {
        "200": jsonResponse("Every dependency is up", toSchema(HealthOut, "output")),
        "503": jsonResponse("A dependency is down", toSchema(HealthOut, "output")),
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
      schemas: components.schemas,
      securitySchemes: {
        idToken: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A Firebase Authentication (or OIDC) ID token" },
        apiKey: { type: "http", scheme: "bearer", description: "An organization API key, `uxk_…`" },
      },
    },
    paths,
  };
}

type ToSchema = (schema: z.ZodType, io: "input" | "output") => JsonSchema;

function operation(route: RouteSpec, toSchema: ToSchema): JsonSchema {
  const parameters = [
    ...schemaParameters(route.params, "path", toSchema),
    ...schemaParameters(route.query, "query", toSchema),
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
      [String(route.response.status)]: jsonResponse("Success", toSchema(route.response.schema, "output")),
      default: { description: "A problem", content: { "application/problem+json": { schema: toSchema(ProblemOut, "output") } } },
    },
  };
}

function security(route: RouteSpec): JsonSchema[] {
  switch (route.auth.kind) {
    case "public":
      return [];
    case "user":
    case "operator":
      return [{ idToken: [] }];
    case "user_or_api_key":
      return [{ idToken: [] }, { apiKey: [route.auth.scope] }];
  }
}

function schemaParameters(schema: z.ZodObject | undefined, location: "path" | "query", toSchema: ToSchema): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({ name, in: location, required: location === "path" || required.has(name), schema: property }));
}

function jsonResponse(description: string, schema: JsonSchema): JsonSchema {
  return { description, content: { "application/json": { schema } } };
}

/**
 * Converts zod schemas to JSON Schema, moving the schemas named with `.meta({ id })` into
 * `components.schemas` so that every operation refers to one definition of each.
 */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const { $schema: _, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, definition] of Object.entries($defs ?? {})) this.add(id, relink(definition));
    return relink(json);
  }

  private add(id: string, definition: JsonSchema): void {
    const existing = this.schemas[id];
    if (existing && JSON.stringify(existing) !== JSON.stringify(definition)) {
      throw new Error(`schema ${id} converts differently as input and as output; give each its own id`);
    }
    this.schemas[id] = definition;
  }
}

// z.toJSONSchema refers to named schemas inside its own $defs; in OpenAPI they live in components.
function relink(json: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}
