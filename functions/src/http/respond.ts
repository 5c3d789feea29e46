import type { HttpRequest, HttpResponse } from "./http-types.js";
import { problemFor, type Problem } from "./problem.js";

const json = "application/json; charset=utf-8";
const problemJson = "application/problem+json; charset=utf-8";

/** Writes a body already serialized as JSON, under its media type. */
export function sendBody(res: HttpResponse, status: number, body: string, mediaType: "json" | "problem"): void {
  res.status(status);
  res.setHeader("content-type", mediaType === "problem" ? problemJson : json);
  res.send(body);
}

export function sendJson(res: HttpResponse, status: number, body: unknown): void {
  sendBody(res, status, JSON.stringify(body), "json");
}

export function sendProblem(res: HttpResponse, problem: Problem): void {
  sendBody(res, problem.status, JSON.stringify(problem), "problem");
}

/** For the read-only functions outside the router: answers 405 to anything but GET and HEAD. */
export function refuseUnlessRead(req: HttpRequest, res: HttpResponse): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  res.setHeader("allow", "GET, HEAD");
  sendProblem(res, problemFor("method_not_allowed"));
  return true;
}
