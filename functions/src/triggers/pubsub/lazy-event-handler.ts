import type { EventHandler } from "./event-handler.js";

/** Defers loading a subscriber's module until its first message, like lazyHandler for HTTP. */
export function lazyEventHandler(load: () => Promise<{ handle: EventHandler }>): EventHandler {
  let loaded: Promise<EventHandler> | undefined;
  return async (message) => {
    loaded ??= load().then((module) => module.handle);
    await (await loaded)(message);
  };
}
