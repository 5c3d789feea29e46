import { z } from "zod";
import { defineRoute } from "./route.js";

export const DependencyStatus = z.enum(["up", "down"]);
export type DependencyStatus = z.infer<typeof DependencyStatus>;

export const DependencyHealth = z.object({
  name: z.string(),
  status: DependencyStatus,
  latencyMs: z.number().nonnegative(),
  error: z.string().optional(),
});
export type DependencyHealth = z.infer<typeof DependencyHealth>;

export const HealthOut = z
  .object({
    status: z.enum(["ok", "degraded"]),
    checkedAt: z.iso.datetime(),
    dependencies: z.array(DependencyHealth),
  })
  .meta({ id: "Health" });
export type HealthOut = z.infer<typeof HealthOut>;

/** What anyone may know: up or down, from a cached check. Which dependency and how fast is for operators. */
export const HealthSummaryOut = HealthOut.pick({ status: true, checkedAt: true }).meta({ id: "HealthSummary" });
export type HealthSummaryOut = z.infer<typeof HealthSummaryOut>;

export const healthRoutes = {
  getHealthDetails: defineRoute({
    operationId: "getHealthDetails",
    method: "GET",
    path: "/v1/health/details",
    summary: "Every dependency's status and latency, checked now; for operators of the platform",
    tag: "Health",
    auth: { kind: "operator" },
    response: { status: 200, schema: HealthOut },
  }),
} as const;
