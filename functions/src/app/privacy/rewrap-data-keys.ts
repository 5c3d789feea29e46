import type { Logger } from "../../ports/logger.js";
import type { PersonalDataVault } from "../../ports/personal-data-vault.js";

/** Moves every data key to the KMS key's primary version after a rotation; logs how many moved. */
export async function rewrapDataKeys(deps: { vault: PersonalDataVault; logger: Logger }): Promise<number> {
  const rewrapped = await deps.vault.rewrapKeys();
  if (rewrapped > 0) deps.logger.info("data_keys.rewrapped", { code: "data_keys.rewrapped", rewrapped });
  return rewrapped;
}
