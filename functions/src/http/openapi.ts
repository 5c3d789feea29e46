import { stepUpWindowMs } from "../domain/identity/step-up.js";
import { z } from "zod";
import { HealthOut } from "../contracts/health.js";
import { ProblemOut } from "../contracts/common.js";
import type { RouteSpec } from "../contracts/route.js";
import { problemCodes } from "../contracts/problems.js";
import { rateClassOf, rateLimits, type RateLimit } from "../domain/identity/rate-limits.js";
import { idempotencyKeyPattern } from "./idempotency-key.js";
import { statusByCode } from "./problem.js";
import { bodyLimitOf } from "./request-body.js";

type JsonSchema = Record<string, unknown>;

/** The OpenAPI 3.1 document of API v1, derived from the route declarations alone. */
export function openApiDocument(routes: readonly RouteSpec[]): JsonSchema {
  const components = new Components();
  const toSchema = (schema: z.ZodType, io: "input" | "output") => components.convert(schema, io);
  // The schema every problem response refers to.
  components.convert(ProblemOut, "output");
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
      description:
        `Errors are RFC 9457 problem documents (application/problem+json) with a stable \`code\`: ${problemCodes.join(", ")}. ` +
        "Each operation lists the problem statuses it can answer; a method a path does not declare gets 405 with an Allow header. " +
        "Each operation states the largest body it accepts in `x-body-limit-bytes` (0: it takes none); a larger body gets 413. " +
        "Unknown body fields and query parameters are refused (400), and so is a request target with a malformed percent-encoding or one that is not UTF-8. " +
        "POST operations accept an Idempotency-Key header. " +
        `Each operation is rate-limited per caller by its \`x-rate-class\` (${rateClassSummary()}), and refused credentials per client address (${describeLimit(rateLimits.failed_auth)}); past a limit the answer is 429 with Retry-After.`,
    },
    servers: [{ url: "/" }],
    components: {
      schemas: components.schemas,
      responses: problemResponses(),
      securitySchemes: {
        idToken: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A Firebase Authentication (or OIDC) ID token" },
        apiKey: { type: "http", scheme: "bearer", description: "An organization API key, `uxk_…`" },
      },
    },
    paths,
  };
}

type ToSchema = (schema: z.ZodType, io: "input" | "output") => JsonSchema;

const idempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Makes the POST safe to retry: the same key with the same body replays the first answer; with another body, 422; while the first request runs, 409.",
  schema: { type: "string", minLength: 1, maxLength: 255, pattern: idempotencyKeyPattern.source },
};

// The rules of the shared list parameters (contracts/common.ts PageQuery) that their schema cannot say.
const parameterDescriptions: Readonly<Record<string, string>> = {
  limit: "How many items a page holds, 1 to 100.",
  cursor: "Opaque: the `nextCursor` of the previous page, valid only with the same `sort`; any other value is refused (400).",
};

function operation(route: RouteSpec, toSchema: ToSchema): JsonSchema {
  const parameters = [
    ...schemaParameters(route.params, "path", toSchema),
    ...schemaParameters(route.query, "query", toSchema),
    ...(route.method === "POST" ? [idempotencyKeyParameter] : []),
  ];
  const bodyLimit = bodyLimitOf(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `${route.deprecated ? `Deprecated since ${route.deprecated.since}; answers until ${route.deprecated.sunset}, then use ${route.deprecated.successor}. ` : ""}${route.body ? `Takes a JSON body of at most ${bodyLimit} bytes` : "Takes no body"}; query parameters other than those listed are refused.`,
    ...(route.deprecated ? { deprecated: true } : {}),
    tags: [route.tag],
    security: security(route),
    "x-body-limit-bytes": bodyLimit,
    "x-rate-class": rateClassOf(route),
    // A person must have used a second factor within the step-up window, else 403 mfa_required.
    ...(route.stepUp ? { "x-step-up-seconds": stepUpWindowMs / 1000 } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, description: `${route.bodyFormat === "form_or_json" ? "JSON in UTF-8 or a urlencoded form" : "JSON in UTF-8"}, at most ${bodyLimit} bytes; unknown fields are refused.`, content: bodyContentOf(route, toSchema(route.body, "input")) } }
      : {}),
    responses: {
      [String(route.response.status)]: jsonResponse("Success", toSchema(route.response.schema, "output")),
      ...Object.fromEntries(problemStatusesOf(route).map((status) => [String(status), { $ref: `#/components/responses/Problem${status}` }])),
      default: { $ref: "#/components/responses/Problem" },
    },
  };
}

const describeLimit = ({ points, durationSeconds }: RateLimit) => `${points} per ${durationSeconds} s`;
const rateClassSummary = () => (["read", "write", "expensive"] as const).map((rateClass) => `${rateClass}: ${describeLimit(rateLimits[rateClass])}`).join("; ");

/** Every problem status a route can answer, derived from its declaration. */
function problemStatusesOf(route: RouteSpec): number[] {
  // Any request can be malformed or invalid, carry a body too large, go past its caller's rate
  // limit (or its address's, for a refused credential), or meet a failure on our side.
  const statuses = new Set([400, 413, 429, 500, 503]);
  if (route.auth.kind !== "public") statuses.add(401).add(403);
  if (route.body) statuses.add(415);
  if (route.params || namesRecords(route.query) || namesRecords(route.body)) statuses.add(404);
  // Idempotency: a key still in use (409) or reused with another body (422); the use cases' conflicts too.
  if (route.method === "POST") statuses.add(409).add(422);
  // A change to something that exists may be refused in its current state (invalid_state).
  if (route.method === "PATCH" || route.method === "DELETE") statuses.add(409);
  return [...statuses].sort((a, b) => a - b);
}

// Whether a schema carries record ids (contracts/common.ts prefixedId: `^opp_…`), which may name
// a record that does not exist or that the caller may not see.
function namesRecords(schema: z.ZodType | undefined): boolean {
  return schema !== undefined && /"pattern":"\^[a-z]+_/.test(JSON.stringify(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })));
}

const statusDescriptions: Readonly<Record<number, string>> = {
  400: "The request is malformed (a malformed percent-encoding, a path or query that is not UTF-8, an Idempotency-Key that is not 1 to 255 printable ASCII characters, a body that is not UTF-8 JSON) or invalid (`errors` lists each problem with its location)",
  401: "No valid credential",
  403: "The credential does not allow this",
  404: "A record the request names does not exist, or the caller may not see it",
  405: "The path does not take this method",
  409: "Conflicts with the current state, or a request with the same Idempotency-Key is still running",
  413: "The body is larger than the operation's `x-body-limit-bytes`",
  415: "The body is not application/json (or application/…+json) in UTF-8",
  422: "The Idempotency-Key was used with another request, or the request cannot be carried out",
  429: "Past the caller's rate limit for this kind of operation (reads, writes, expensive operations), or the address's for refused credentials: `Retry-After` says when to try again; `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` are on every answer",
  500: "A failure on our side; quote the requestId",
  503: "A dependency is unavailable; retry later",
};

/** One problem response per status, each naming the codes it carries. */
function problemResponses(): Record<string, JsonSchema> {
  const statuses = [...new Set(Object.values(statusByCode))].sort((a, b) => a - b);
  const responses: Record<string, JsonSchema> = {
    Problem: { description: "A problem", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
  };
  for (const status of statuses) {
    const codes = problemCodes.filter((code) => statusByCode[code] === status);
    responses[`Problem${status}`] = {
      description: `${statusDescriptions[status] ?? "A problem"}: ${codes.join(", ")}`,
      content: {
        "application/problem+json": {
          schema: { allOf: [{ $ref: "#/components/schemas/Problem" }, { type: "object", properties: { status: { const: status }, code: { enum: codes } } }] },
        },
      },
    };
  }
  return responses;
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
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || required.has(name),
    ...(location === "query" && parameterDescriptions[name] ? { description: parameterDescriptions[name] } : {}),
    schema: property,
  }));
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

/** The media types a route's body may come in: JSON, and the urlencoded form where the route takes one. */
function bodyContentOf(route: RouteSpec, schema: unknown): Record<string, { schema: unknown }> {
  return route.bodyFormat === "form_or_json" ? { "application/json": { schema }, "application/x-www-form-urlencoded": { schema } } : { "application/json": { schema } };
}
