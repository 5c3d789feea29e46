import { describe, expect, it } from "vitest";
import { addressRefusal } from "../../../src/adapters/webhooks/address-ranges.js";

// Every range and every IPv4-carrying IPv6 form, one row each: the address, and the reason it is
// refused (undefined: a public address, allowed).

describe("addressRefusal: IPv4", () => {
  it.each([
    ["0.0.0.0", "this network (0.0.0.0/8)"],
    ["0.255.1.2", "this network (0.0.0.0/8)"],
    ["10.0.0.1", "private (10.0.0.0/8)"],
    ["10.255.255.255", "private (10.0.0.0/8)"],
    ["100.64.0.1", "shared address space (CGNAT) (100.64.0.0/10)"],
    ["100.127.255.254", "shared address space (CGNAT) (100.64.0.0/10)"],
    ["127.0.0.1", "loopback (127.0.0.0/8)"],
    ["127.255.0.9", "loopback (127.0.0.0/8)"],
    ["169.254.169.254", "link-local (the cloud metadata server) (169.254.0.0/16)"],
    ["172.16.0.1", "private (172.16.0.0/12)"],
    ["172.31.255.255", "private (172.16.0.0/12)"],
    ["192.0.0.8", "IETF protocol assignments (192.0.0.0/24)"],
    ["192.0.2.10", "documentation (192.0.2.0/24)"],
    ["192.88.99.1", "6to4 relay anycast (192.88.99.0/24)"],
    ["192.168.1.10", "private (192.168.0.0/16)"],
    ["198.18.0.1", "benchmarking (198.18.0.0/15)"],
    ["198.19.255.255", "benchmarking (198.18.0.0/15)"],
    ["198.51.100.7", "documentation (198.51.100.0/24)"],
    ["203.0.113.99", "documentation (203.0.113.0/24)"],
    ["224.0.0.1", "multicast (224.0.0.0/4)"],
    ["239.255.255.250", "multicast (224.0.0.0/4)"],
    ["240.0.0.1", "reserved (240.0.0.0/4)"],
    ["255.255.255.255", "reserved (240.0.0.0/4)"],
  ])("refuses %s: %s", (address, reason) => {
    expect(addressRefusal(address)).toBe(reason);
  });

  it.each(["8.8.8.8", "1.1.1.1", "151.101.1.69", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.255", "192.0.3.0", "198.17.255.255", "198.20.0.0", "223.255.255.255"])(
    "allows the public address %s",
    (address) => {
      expect(addressRefusal(address)).toBeUndefined();
    },
  );
});

describe("addressRefusal: IPv6", () => {
  it.each([
    ["::", "unspecified (::/128)"],
    ["::1", "loopback (::1/128)"],
    ["64:ff9b:1::808:808", "NAT64 local-use (64:ff9b:1::/48)"],
    ["64:ff9b:1:ffff::1", "NAT64 local-use (64:ff9b:1::/48)"],
    ["100::1", "discard-only (100::/64)"],
    ["100::ffff:ffff:ffff:ffff", "discard-only (100::/64)"],
    ["2001:2::1", "benchmarking (2001:2::/48)"],
    ["2001:10::1", "ORCHID (2001:10::/28)"],
    ["2001:20::1", "ORCHIDv2 (2001:20::/28)"],
    ["2001:db8::1", "documentation (2001:db8::/32)"],
    ["2001:db8:ffff::1", "documentation (2001:db8::/32)"],
    ["3fff::1", "documentation (3fff::/20)"],
    ["3fff:fff::1", "documentation (3fff::/20)"],
    ["fc00::1", "unique-local (fc00::/7)"],
    ["fd12:3456::1", "unique-local (fc00::/7)"],
    ["fe80::1", "link-local (fe80::/10)"],
    ["fe80::1%eth0", "link-local (fe80::/10)"],
    ["febf::1", "link-local (fe80::/10)"],
    ["fec0::1", "site-local (fec0::/10)"],
    ["feff::1", "site-local (fec0::/10)"],
    ["ff02::1", "multicast (ff00::/8)"],
    ["4000::1", "reserved (outside global unicast 2000::/3)"],
    ["1::1", "reserved (outside global unicast 2000::/3)"],
  ])("refuses %s: %s", (address, reason) => {
    expect(addressRefusal(address)).toBe(reason);
  });

  it.each(["2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001::1", "3fff:1000::1", "2001:3::1", "2001:db9::1", "2003::1"])("allows the public address %s", (address) => {
    expect(addressRefusal(address)).toBeUndefined();
  });
});

describe("addressRefusal: IPv6 that carries IPv4 is judged by the IPv4 it carries", () => {
  it.each([
    // IPv4-mapped ::ffff:0:0/96, dotted and hex
    ["::ffff:127.0.0.1", "IPv4-mapped 127.0.0.1: loopback (127.0.0.0/8)"],
    ["::ffff:7f00:1", "IPv4-mapped 127.0.0.1: loopback (127.0.0.0/8)"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "IPv4-mapped 169.254.169.254: link-local (the cloud metadata server) (169.254.0.0/16)"],
    ["::FFFF:10.1.2.3", "IPv4-mapped 10.1.2.3: private (10.0.0.0/8)"],
    // IPv4-compatible ::/96
    ["::127.0.0.1", "IPv4-compatible 127.0.0.1: loopback (127.0.0.0/8)"],
    ["::a9fe:a9fe", "IPv4-compatible 169.254.169.254: link-local (the cloud metadata server) (169.254.0.0/16)"],
    ["::2", "IPv4-compatible 0.0.0.2: this network (0.0.0.0/8)"],
    // IPv4-translated ::ffff:0:0:0/96
    ["::ffff:0:192.168.0.1", "IPv4-translated 192.168.0.1: private (192.168.0.0/16)"],
    ["::ffff:0:a00:1", "IPv4-translated 10.0.0.1: private (10.0.0.0/8)"],
    // NAT64 well-known prefix 64:ff9b::/96
    ["64:ff9b::10.0.0.1", "NAT64 10.0.0.1: private (10.0.0.0/8)"],
    ["64:ff9b::a9fe:a9fe", "NAT64 169.254.169.254: link-local (the cloud metadata server) (169.254.0.0/16)"],
    // 6to4 2002::/16: the IPv4 address is bits 16–47
    ["2002:7f00:1::", "6to4 127.0.0.1: loopback (127.0.0.0/8)"],
    ["2002:a9fe:a9fe:1::1", "6to4 169.254.169.254: link-local (the cloud metadata server) (169.254.0.0/16)"],
    ["2002:c0a8:101::", "6to4 192.168.1.1: private (192.168.0.0/16)"],
    // Teredo 2001::/32: the server is bits 32–63, the client the last 32 bits inverted
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo 127.0.0.1: loopback (127.0.0.0/8)"],
    ["2001:0:4136:e378:8000:63bf:5601:5601", "Teredo 169.254.169.254: link-local (the cloud metadata server) (169.254.0.0/16)"],
    ["2001:0:a00:1:8000:63bf:f7f7:f7f7", "Teredo 10.0.0.1: private (10.0.0.0/8)"],
  ])("refuses %s: %s", (address, reason) => {
    expect(addressRefusal(address)).toBe(reason);
  });

  it.each([
    ["::ffff:8.8.8.8", "IPv4-mapped public"],
    ["::ffff:808:808", "IPv4-mapped public, hex"],
    ["::808:808", "IPv4-compatible public"],
    ["::ffff:0:808:808", "IPv4-translated public"],
    ["64:ff9b::8.8.8.8", "NAT64 public"],
    ["2002:808:808::1", "6to4 public"],
    ["2001:0:4136:e378:8000:63bf:f7f7:f7f7", "Teredo, public server and client (8.8.8.8)"],
  ])("allows %s (%s)", (address) => {
    expect(addressRefusal(address)).toBeUndefined();
  });
});

describe("addressRefusal: not an address", () => {
  it.each(["", "localhost", "hooks.example.com", "127.1", "0x7f.0.0.1", "2130706433", "[::1]", "::1::2", "1.2.3.256"])("refuses %j", (input) => {
    expect(addressRefusal(input)).toBe("not an IP address");
  });
});
