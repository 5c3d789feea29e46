import type { HttpHandler, HttpRequest, HttpResponse } from "./http-types.js";

/**
 * Defers loading a function's module until its first request, so that deploy-time discovery
 * and every other function's cold start never pay for this one's dependencies.
 */
export function lazyHandler(load: () => Promise<{ handle: HttpHandler }>): HttpHandler {
  let loaded: Promise<HttpHandler> | undefined;
  return async (req: HttpRequest, res: HttpResponse) => {
    loaded ??= load().then((module) => module.handle);
    await (await loaded)(req, res);
  };
}
