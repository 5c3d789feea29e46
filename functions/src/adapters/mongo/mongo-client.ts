import { MongoClient } from "mongodb";

let client: MongoClient | undefined;

/**
 * One pooled client per instance, created on first use and reused by every invocation.
 * The driver connects lazily, so creating it costs nothing until a query runs.
 */
export function getMongoClient(uri: string): MongoClient {
  client ??= new MongoClient(uri, {
    // While no server can be reached (a failover, a restart), a request answers 503 with
    // Retry-After within about two seconds a query, rather than hanging until its client gives
    // up: the client retries later instead of piling requests on a database coming back.
    serverSelectionTimeoutMS: 2_000,
    connectTimeoutMS: 2_000,
    maxPoolSize: 20,
    appName: "user-x-functions",
    // An optional field left undefined is absent, as the schemas that read it back expect, not null.
    ignoreUndefined: true,
  });
  return client;
}

/**
 * Opens the client again after its first connection failed. When the server cannot be reached on
 * an instance's first query, the driver closes the topology it was opening and keeps it, and
 * every later query fails with "Topology is closed" for the life of the instance; connecting
 * again replaces it. Called by errors.ts on that error, so the next query finds a live topology.
 */
export function reopenClosedClient(): void {
  void client?.connect().catch(() => undefined);
}
