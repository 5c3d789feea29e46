import { setGlobalOptions } from "firebase-functions/v2";
import { onRequest } from "firebase-functions/v2/https";
import { mongoUri } from "./config.js";
import { lazyHandler } from "./http/lazy-handler.js";

// Composition root: declares each HTTPS function and binds its secrets. Each function's module
// is imported on its first request, so an instance loads only the code of the function it serves.

setGlobalOptions({ region: "us-central1", maxInstances: 20 });

export const health = onRequest(
  { secrets: [mongoUri], invoker: "public", concurrency: 80 },
  lazyHandler(() => import("./triggers/https/health.js")),
);
