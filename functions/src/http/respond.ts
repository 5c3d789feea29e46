import type { HttpResponse } from "./http-types.js";
import type { Problem } from "./problem.js";

export function sendJson(res: HttpResponse, status: number, body: unknown): void {
  res.status(status);
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.send(JSON.stringify(body));
}

export function sendProblem(res: HttpResponse, problem: Problem): void {
  res.status(problem.status);
  res.setHeader("content-type", "application/problem+json; charset=utf-8");
  res.send(JSON.stringify(problem));
}
