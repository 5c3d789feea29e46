// A client of the platform runner's control server (tools/control-server.mjs), for tests that
// crash a server of the running platform and bring it back.

/** The servers the control server can kill and start again. */
export type RestartableServer = "mongo" | "pubsub" | "tasks" | "kms" | "redis";

export interface PlatformServer {
  name: string;
  pid: number | null;
  up: boolean;
  restartable: boolean;
}

function controlUrl(): string {
  const url = process.env.USERX_PLATFORM_CONTROL_URL;
  if (!url) throw new Error("USERX_PLATFORM_CONTROL_URL is not set: run the integration tier through `npm test`");
  return url;
}

async function call<T>(method: "GET" | "POST", path: string): Promise<T> {
  const response = await fetch(`${controlUrl()}${path}`, { method, signal: AbortSignal.timeout(150_000) });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body as T;
}

export const platformControl = {
  /** Every server of the platform, and whether its process is running. */
  servers: () => call<PlatformServer[]>("GET", "/services"),
  /** Kills the server's processes with SIGKILL, as a crash would; resolves once they are gone. */
  kill: (name: RestartableServer) => call<PlatformServer>("POST", `/services/${name}/kill`),
  /** Starts the server again; resolves once it answers and has what its restart lost (topics, queues). */
  start: (name: RestartableServer) => call<PlatformServer>("POST", `/services/${name}/start`),
};
