import { purgeWebhookPayloads } from "../../app/webhooks/purge-webhook-payloads.js";
import { getDeps } from "../../deps.js";
import { logger } from "../../http/logger.js";

export async function handle(): Promise<void> {
  const { organizations, purged } = await purgeWebhookPayloads(getDeps());
  if (purged > 0) logger.info("webhooks.retention.purged", { code: "webhooks.retention.purged", organizations, purged });
}
