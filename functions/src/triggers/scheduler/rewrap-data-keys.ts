import { rewrapDataKeys } from "../../app/privacy/rewrap-data-keys.js";
import { getDeps } from "../../deps.js";

export async function handle(): Promise<void> {
  await rewrapDataKeys(getDeps());
}
