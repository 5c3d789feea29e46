import { logger } from "firebase-functions";
import type { HttpRequest } from "./http-types.js";

/** Fields that tie a log entry to its request in Cloud Logging: request id and trace. */
export function requestLogFields(req: HttpRequest, requestId: string): Record<string, string> {
  const fields: Record<string, string> = { requestId };
  const trace = String(req.headers["x-cloud-trace-context"] ?? "").split("/")[0];
  const project = process.env.GCLOUD_PROJECT;
  if (trace && project) fields["logging.googleapis.com/trace"] = `projects/${project}/traces/${trace}`;
  return fields;
}

export { logger };
