import type { Db } from "mongodb";
import { AppError } from "../../domain/app-error.js";
import type { FaultInjector } from "../../ports/fault-injector.js";
import { classified } from "./errors.js";

/** An armed fault: `remaining` more calls at the point `_id` fail. */
export interface FaultDocument {
  _id: string;
  remaining: number;
}

export const chaosFaultsCollection = (db: Db) => db.collection<FaultDocument>("chaos_faults");

/** Faults armed in `chaos_faults`, one document per point; each failing call uses one up atomically. */
export function mongoFaultInjector(db: Db): FaultInjector {
  const faults = chaosFaultsCollection(db);
  return {
    async failIfInjected(point) {
      const armed = await classified(() => faults.findOneAndUpdate({ _id: point, remaining: { $gt: 0 } }, { $inc: { remaining: -1 } }));
      if (armed) throw new AppError("unavailable", `fault injected at ${point}`);
    },
  };
}

/** What every real project runs: no point ever fails on purpose. */
export const noFaults: FaultInjector = { failIfInjected: async () => undefined };
