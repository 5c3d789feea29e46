import { lookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent } from "undici";

// Webhook URLs come from customers, so a destination must never be our own network: private,
// loopback, link-local (the metadata server lives at 169.254.169.254), CGNAT, multicast and
// reserved ranges are refused. The check runs in the connection's own DNS lookup, so the
// address that was checked is the address connected to: re-resolving to 127.0.0.1 between a
// check and the connect (DNS rebinding) gains nothing.

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

export class DestinationRefused extends Error {
  override readonly name = "DestinationRefused";
}

/** Whether an IP address is one a webhook may never reach. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * An HTTP agent that refuses to connect to blocked addresses. A URL whose host is an IP literal
 * skips DNS, so callers check it with `assertPublicHost` first.
 */
export function guardedAgent(): Agent {
  return new Agent({
    connect: {
      lookup(hostname, options, callback) {
        lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
          if (error) return callback(error, []);
          const refused = addresses.find((a) => isBlockedAddress(a.address));
          if (refused) return callback(new DestinationRefused(`${hostname} resolves to a private address`), []);
          callback(null, addresses);
        });
      },
    },
  });
}

export function assertPublicHost(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0 && isBlockedAddress(host)) throw new DestinationRefused(`${host} is a private address`);
}
