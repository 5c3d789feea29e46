/**
 * Defers loading a function's module until its first invocation, so that deploy-time discovery
 * and every other function's cold start never pay for this one's dependencies.
 */
export function lazy<Args extends unknown[]>(load: () => Promise<{ handle: (...args: Args) => Promise<void> }>): (...args: Args) => Promise<void> {
  let loaded: Promise<(...args: Args) => Promise<void>> | undefined;
  return async (...args) => {
    loaded ??= load().then((module) => module.handle);
    await (await loaded)(...args);
  };
}
