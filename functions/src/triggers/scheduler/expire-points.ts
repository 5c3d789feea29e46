import { expirePoints } from "../../app/points/expire-points.js";
import { getDeps } from "../../deps.js";
import { logger } from "../../http/logger.js";

export async function handle(): Promise<void> {
  const { participants, expired, failed } = await expirePoints(getDeps());
  if (participants > 0) logger.info("points.expiry.done", { code: "points.expiry.done", participants, expired, failed });
}
