import { apiRoutes } from "../../contracts/api.js";
import type { HttpHandler } from "../../http/http-types.js";
import { openApiDocument } from "../../http/openapi.js";
import { refuseUnlessRead, sendJson } from "../../http/respond.js";

const document = openApiDocument(apiRoutes);

export const handle: HttpHandler = async (req, res) => {
  if (refuseUnlessRead(req, res)) return;
  res.setHeader("cache-control", "public, max-age=300");
  sendJson(res, 200, document);
};
