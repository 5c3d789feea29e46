import { apiRoutes } from "../../contracts/api.js";
import type { HttpHandler } from "../../http/http-types.js";
import { openApiDocument } from "../../http/openapi.js";
import { problemFor } from "../../http/problem.js";
import { sendJson, sendProblem } from "../../http/respond.js";

const document = openApiDocument(apiRoutes);

export const handle: HttpHandler = async (req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    sendProblem(res, problemFor("method_not_allowed"));
    return;
  }
  res.setHeader("cache-control", "public, max-age=300");
  sendJson(res, 200, document);
};
