import { z } from "zod";

export const DependencyStatus = z.enum(["up", "down"]);
export type DependencyStatus = z.infer<typeof DependencyStatus>;

export const DependencyHealth = z.object({
  name: z.string(),
  status: DependencyStatus,
  latencyMs: z.number().nonnegative(),
  error: z.string().optional(),
});
export type DependencyHealth = z.infer<typeof DependencyHealth>;

export const HealthOut = z.object({
  status: z.enum(["ok", "degraded"]),
  checkedAt: z.iso.datetime(),
  dependencies: z.array(DependencyHealth),
});
export type HealthOut = z.infer<typeof HealthOut>;
