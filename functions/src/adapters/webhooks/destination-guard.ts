import type { LookupAddress } from "node:dns";
import { lookup as systemLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { Agent } from "undici";
import { AppError } from "../../domain/app-error.js";
import type { DestinationPolicy } from "../../ports/destination-policy.js";
import { addressRefusal } from "./address-ranges.js";

// The one guard in front of every URL a customer gives us (DESIGN §7). A URL passes when:
//
// - it uses https; plain http only to an allowlisted host;
// - it carries no credentials (user:password@): a webhook authenticates with its signature;
// - its port is 443, or 1024–65535 except the well-known ports of internal services below
//   (databases, caches, cluster APIs), which no webhook receiver has a reason to use: a
//   receiver on a public address still cannot make us talk to such a service;
// - its host is a public name or a public IP address (address-ranges.ts): no single-label name
//   (they resolve through the platform's search domains: "metadata" is the metadata server),
//   no name under a suffix reserved for private networks (.internal holds
//   metadata.google.internal), and no name that resolves to a refused address.
//
// It is applied twice. At registration (`assertAllowed`), so a refused URL is never stored, and
// at connect, in the connection's own DNS lookup, so the address that was checked is the address
// connected to: re-resolving to 127.0.0.1 between registration, or a check, and the connect (DNS
// rebinding) gains nothing.
//
// The allowlist is for the local platform alone (config.ts refuses it outside `demo-` projects):
// its receivers listen on loopback, so those hosts are let through, over plain HTTP too, whatever
// they resolve to. Every other rule, the port rule included, still holds.

/** Well-known ports of internal services, refused even on public addresses. */
export const internalServicePorts: ReadonlyArray<readonly [port: number, service: string]> = [
  [1433, "SQL Server"],
  [1521, "Oracle"],
  [2375, "Docker"],
  [2376, "Docker"],
  [2379, "etcd"],
  [2380, "etcd"],
  [3306, "MySQL"],
  [3389, "RDP"],
  [5432, "PostgreSQL"],
  [5672, "AMQP"],
  [5984, "CouchDB"],
  [6379, "Redis"],
  [6443, "Kubernetes API"],
  [8500, "Consul"],
  [9042, "Cassandra"],
  [9092, "Kafka"],
  [9200, "Elasticsearch"],
  [9300, "Elasticsearch"],
  [10250, "kubelet"],
  [11211, "memcached"],
  [27017, "MongoDB"],
  [27018, "MongoDB"],
  [27019, "MongoDB"],
];

/** Name suffixes reserved for private networks and the local host. */
export const privateNameSuffixes: readonly string[] = ["localhost", "local", "internal", "home.arpa"];

const registrationLookupTimeoutMs = 3_000;

export interface DestinationGuardOptions {
  /** Hosts reachable whatever they resolve to, over plain HTTP too: the local platform's receivers. */
  allowlist: readonly string[];
}

/** Resolves a host name to its addresses, as the connection would. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

/** What is wrong with a destination; `code` is what a delivery attempt records. */
export interface Refusal {
  code: "https_required" | "credentials_not_allowed" | "port_not_allowed" | "destination_not_allowed";
  reason: string;
}

export class DestinationRefused extends Error {
  override readonly name = "DestinationRefused";

  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

export interface DestinationGuard extends DestinationPolicy {
  /** What is wrong with the URL itself, its host if it is an IP address included; no DNS. */
  refusalOf(url: URL): Refusal | undefined;
  /** An HTTP agent whose connections are refused when their host resolves to a refused address. */
  agent(timeouts: { connectMs: number; headersMs: number }): Agent;
}

/** The destination policy of webhooks, for registration and for every connection. */
export function destinationGuard(options: DestinationGuardOptions, resolve: Resolve = (hostname) => systemLookup(hostname, { all: true })): DestinationGuard {
  const allowlist = new Set(options.allowlist.map(allowlistEntry));
  const allowlisted = (host: string) => allowlist.has(host);

  const refusalOf = (url: URL): Refusal | undefined => {
    const host = hostOf(url);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && allowlisted(host))) {
      return { code: "https_required", reason: "webhook URLs must use https" };
    }
    if (url.username !== "" || url.password !== "") {
      return { code: "credentials_not_allowed", reason: "webhook URLs may not carry credentials (user:password@); receivers authenticate a webhook by its signature" };
    }
    const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
    const portRefusal = refusedPort(port);
    if (portRefusal) return { code: "port_not_allowed", reason: portRefusal };
    if (allowlisted(host)) return undefined;
    if (isIpLiteral(url)) {
      const reason = addressRefusal(host);
      return reason ? { code: "destination_not_allowed", reason: `${host} is not a public address: ${reason}` } : undefined;
    }
    if (!host.includes(".")) return { code: "destination_not_allowed", reason: `${host} is not a fully qualified public host name` };
    const suffix = privateNameSuffixes.find((s) => host === s || host.endsWith(`.${s}`));
    if (suffix) return { code: "destination_not_allowed", reason: `${host} is a private name (.${suffix}), not a public one` };
    return undefined;
  };

  /** The refused address among `addresses`, if any, as a refusal of `host`. */
  const resolvedRefusal = (host: string, addresses: readonly LookupAddress[]): Refusal | undefined => {
    for (const { address } of addresses) {
      const reason = addressRefusal(address);
      if (reason) return { code: "destination_not_allowed", reason: `${host} resolves to an address that is not public: ${reason}` };
    }
    return undefined;
  };

  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    const host = normalizeHost(hostname);
    resolve(hostname).then(
      (resolved) => {
        const addresses = lookupOptions.family === 4 || lookupOptions.family === 6 ? resolved.filter((a) => a.family === lookupOptions.family) : resolved;
        const refusal = allowlisted(host) ? undefined : resolvedRefusal(host, addresses);
        const first = addresses[0];
        if (refusal) callback(new DestinationRefused(refusal), "", 0);
        else if (!first) callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
        else if (lookupOptions.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };

  return {
    refusalOf,

    async assertAllowed(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new AppError("destination_refused", "the webhook URL is not a valid URL", { reason: "destination_not_allowed" });
      }
      const host = hostOf(url);
      let refusal = refusalOf(url);
      if (!refusal && !allowlisted(host) && !isIpLiteral(url)) {
        // A name that does not resolve now may resolve later (a receiver set up after its
        // endpoint): it is accepted here and judged at connect.
        refusal = resolvedRefusal(host, await withTimeout(resolve(host), registrationLookupTimeoutMs).catch(() => []));
      }
      if (refusal) throw new AppError("destination_refused", refusal.reason, { reason: refusal.code });
    },

    agent({ connectMs, headersMs }) {
      return new Agent({ connect: { timeout: connectMs, lookup }, headersTimeout: headersMs });
    },
  };
}

function refusedPort(port: number): string | undefined {
  const service = internalServicePorts.find(([p]) => p === port)?.[1];
  if (service) return `port ${port} (${service}) is not allowed: use 443, or a port from 1024 to 65535 that is not a well-known internal service`;
  if (port !== 443 && port < 1024) return `port ${port} is not allowed: use 443, or a port from 1024 to 65535`;
  return undefined;
}

/** The host as compared and judged: lower case, no IPv6 brackets, no trailing dot. */
function hostOf(url: URL): string {
  return normalizeHost(url.hostname);
}

function normalizeHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

function isIpLiteral(url: URL): boolean {
  // The URL parser has already rewritten every IPv4 notation ("0x7f.1", "2130706433") in dotted
  // decimal, and IPv6 sits in brackets.
  return url.hostname.startsWith("[") || /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** An allowlist entry in the form hosts are compared in; anything but a bare host is refused. */
function allowlistEntry(entry: string): string {
  const literal = entry.includes(":") && !entry.startsWith("[") ? `[${entry}]` : entry;
  let url: URL | undefined;
  try {
    url = new URL(`http://${literal}/`);
  } catch {
    url = undefined;
  }
  if (!url || url.pathname !== "/" || url.port !== "" || url.username !== "" || url.search !== "" || url.hash !== "") {
    throw new Error(`webhook destination allowlist entry "${entry}" is not a host name or an IP address`);
  }
  return hostOf(url);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
