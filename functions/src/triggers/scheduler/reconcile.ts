import { defaultReconcileOptions, reconcile } from "../../app/reconciliation/reconcile.js";
import { getDeps } from "../../deps.js";

export async function handle(): Promise<void> {
  const deps = getDeps();
  await reconcile(deps, { ...defaultReconcileOptions, ...deps.config.reconcile });
}
