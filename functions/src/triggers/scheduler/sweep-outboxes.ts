import { sweepOutboxes } from "../../app/events/sweep-outboxes.js";
import { getDeps } from "../../deps.js";
import { logger } from "../../http/logger.js";

export async function handle(): Promise<void> {
  const { relayed, failed } = await sweepOutboxes(getDeps());
  if (relayed > 0 || failed > 0) logger.warn("outbox.sweep.done", { code: "outbox.sweep.done", relayed, failed });
}
