import ipaddr from "ipaddr.js";

// Which IP addresses a customer's URL may reach: public unicast only. The tables are data, taken
// from IANA's IPv4 and IPv6 special-purpose address registries; what is not listed is allowed,
// except IPv6 outside global unicast (2000::/3), where nothing public lives.
//
// An IPv6 address that carries an IPv4 address (mapped, compatible, translated, NAT64, 6to4,
// Teredo) is judged by the IPv4 address it carries: a gateway on the way would deliver it there.
// NAT64's local-use prefix is refused whatever it carries: it is not globally reachable, and the
// operator's prefix length, which decides where the IPv4 address sits, cannot be known.

/** Ranges no customer URL may reach, each with what it is. */
export const refusedRanges: ReadonlyArray<readonly [cidr: string, what: string]> = [
  ["0.0.0.0/8", "this network"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared address space (CGNAT)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local (the cloud metadata server)"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "IETF protocol assignments"],
  ["192.0.2.0/24", "documentation"],
  ["192.88.99.0/24", "6to4 relay anycast"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "benchmarking"],
  ["198.51.100.0/24", "documentation"],
  ["203.0.113.0/24", "documentation"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["64:ff9b:1::/48", "NAT64 local-use"],
  ["100::/64", "discard-only"],
  ["2001:2::/48", "benchmarking"],
  ["2001:10::/28", "ORCHID"],
  ["2001:20::/28", "ORCHIDv2"],
  ["2001:db8::/32", "documentation"],
  ["3fff::/20", "documentation"],
  ["fc00::/7", "unique-local"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local"],
  ["ff00::/8", "multicast"],
];

/**
 * IPv6 forms that carry IPv4 addresses: where each carried address starts (bit offset) and
 * whether it is stored inverted. Teredo carries its server's address and, inverted, its client's.
 */
export const ipv4Embeddings: ReadonlyArray<{ cidr: string; what: string; carries: ReadonlyArray<{ at: number; inverted?: boolean }> }> = [
  { cidr: "::ffff:0:0/96", what: "IPv4-mapped", carries: [{ at: 96 }] },
  { cidr: "::ffff:0:0:0/96", what: "IPv4-translated", carries: [{ at: 96 }] },
  { cidr: "::/96", what: "IPv4-compatible", carries: [{ at: 96 }] },
  { cidr: "64:ff9b::/96", what: "NAT64", carries: [{ at: 96 }] },
  { cidr: "2002::/16", what: "6to4", carries: [{ at: 16 }] },
  { cidr: "2001::/32", what: "Teredo", carries: [{ at: 32 }, { at: 96, inverted: true }] },
];

const globalUnicast = ipaddr.parseCIDR("2000::/3");
const refused = refusedRanges.map(([cidr, what]) => ({ cidr, what, range: ipaddr.parseCIDR(cidr) }));
const embeddings = ipv4Embeddings.map((embedding) => ({ ...embedding, range: ipaddr.parseCIDR(embedding.cidr) }));

/**
 * Why no customer URL may reach `address` ("private (10.0.0.0/8)"), or undefined for a public
 * address. Anything that is not an IP address in standard notation is refused.
 */
export function addressRefusal(address: string): string | undefined {
  const ip = parseAddress(address);
  if (!ip) return "not an IP address";
  const listed = refused.find((r) => r.range[0].kind() === ip.kind() && ip.match(r.range));
  if (listed) return `${listed.what} (${listed.cidr})`;
  if (ip.kind() === "ipv4") return undefined;
  const embedding = embeddings.find((e) => ip.match(e.range));
  if (embedding) {
    for (const carried of embedding.carries) {
      const ipv4 = carriedIpv4(ip.toByteArray(), carried.at, carried.inverted ?? false);
      const reason = addressRefusal(ipv4);
      if (reason) return `${embedding.what} ${ipv4}: ${reason}`;
    }
    return undefined;
  }
  return ip.match(globalUnicast) ? undefined : "reserved (outside global unicast 2000::/3)";
}

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // ipaddr.js also reads "127.1" and "0x7f.0.0.1"; only the four-part decimal form is an address here.
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipaddr.IPv4.parse(address);
  // A zone id does not change which range an address is in.
  const [bare = ""] = address.split("%");
  if (!ipaddr.IPv6.isValid(bare)) return undefined;
  // ipaddr.js reads "::a.b.c.d" (IPv4-compatible) as "::ffff:a.b.c.d"; the URL standard's
  // serializer rewrites the dotted tail in hex first, keeping the address as it is.
  return ipaddr.IPv6.parse(new URL(`http://[${bare}]/`).hostname.slice(1, -1));
}

function carriedIpv4(bytes: number[], at: number, inverted: boolean): string {
  return bytes
    .slice(at / 8, at / 8 + 4)
    .map((byte) => (inverted ? byte ^ 0xff : byte))
    .join(".");
}
