/** The servers of the local platform a test may kill and start again (tools/control-server.mjs). */
export type ControllableServer = "mongo" | "pubsub" | "tasks" | "kms";

/** The running platform's control server, as `npm test` starts it. */
export function platformControl() {
  const base = process.env.USERX_PLATFORM_CONTROL_URL;
  if (!base) throw new Error("USERX_PLATFORM_CONTROL_URL is not set: run the chaos tier through `npm test`");
  const post = async (path: string) => {
    const response = await fetch(`${base}${path}`, { method: "POST" });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  };
  return {
    /** Kills the server's process group at once, as a crash would. */
    kill: (server: ControllableServer) => post(`/services/${server}/kill`),
    /** Starts it again and resolves once it answers, with what its restart lost put back. */
    start: (server: ControllableServer) => post(`/services/${server}/start`),
  };
}
