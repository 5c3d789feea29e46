import type { LookupAddress } from "node:dns";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DestinationRefused, destinationGuard, type Resolve } from "../../../src/adapters/webhooks/destination-guard.js";

// The destination policy of webhooks: the URL itself (scheme, credentials, port, host), what its
// host resolves to at registration, and what it resolves to at connect. Address ranges have
// their own table in address-ranges.test.ts.

const production = destinationGuard({ allowlist: [] }, () => Promise.reject(new Error("no DNS in this test")));
const local = destinationGuard({ allowlist: ["127.0.0.1", "localhost"] }, () => Promise.reject(new Error("no DNS in this test")));

/** A resolver answering from a table; names it does not know do not resolve. */
function resolverOf(table: Record<string, string[]>): Resolve & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe("the URL itself, in production (no allowlist)", () => {
  it.each([
    "https://hooks.example.com/x",
    "https://hooks.example.com/x?tenant=1#frag",
    "https://hooks.example.com:443/x",
    "https://hooks.example.com:1024/x",
    "https://hooks.example.com:8443/x",
    "https://hooks.example.com:65535/x",
    "https://8.8.8.8/x",
    "https://[2606:4700:4700::1111]/x",
    "https://[::ffff:8.8.8.8]/x",
  ])("allows %s", (url) => {
    expect(production.refusalOf(new URL(url))).toBeUndefined();
  });

  it.each([
    ["http://hooks.example.com/x", "https_required"],
    ["http://8.8.8.8/x", "https_required"],
    ["https://user:secret@hooks.example.com/x", "credentials_not_allowed"],
    ["https://user@hooks.example.com/x", "credentials_not_allowed"],
    ["https://:secret@hooks.example.com/x", "credentials_not_allowed"],
    ["https://hooks.example.com:80/x", "port_not_allowed"],
    ["https://hooks.example.com:22/x", "port_not_allowed"],
    ["https://hooks.example.com:25/x", "port_not_allowed"],
    ["https://hooks.example.com:1023/x", "port_not_allowed"],
    ["https://hooks.example.com:6379/x", "port_not_allowed"],
    ["https://hooks.example.com:27017/x", "port_not_allowed"],
    ["https://hooks.example.com:2375/x", "port_not_allowed"],
    ["https://10.0.0.1/x", "destination_not_allowed"],
    ["https://169.254.169.254/computeMetadata/v1/", "destination_not_allowed"],
    ["https://0xa9.0xfe.0xa9.0xfe/", "destination_not_allowed"],
    ["https://2130706433/", "destination_not_allowed"],
    ["https://127.1/", "destination_not_allowed"],
    ["https://[::1]/x", "destination_not_allowed"],
    ["https://[::ffff:127.0.0.1]/x", "destination_not_allowed"],
    ["https://[::ffff:a9fe:a9fe]/x", "destination_not_allowed"],
    ["https://[::127.0.0.1]/x", "destination_not_allowed"],
    ["https://[::ffff:0:10.0.0.1]/x", "destination_not_allowed"],
    ["https://[64:ff9b::169.254.169.254]/x", "destination_not_allowed"],
    ["https://[64:ff9b:1::8.8.8.8]/x", "destination_not_allowed"],
    ["https://[2002:a9fe:a9fe::1]/x", "destination_not_allowed"],
    ["https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x", "destination_not_allowed"],
    ["https://[fd00::1]/x", "destination_not_allowed"],
    ["https://[fec0::1]/x", "destination_not_allowed"],
    ["https://[2001:db8::1]/x", "destination_not_allowed"],
    ["https://metadata/computeMetadata/v1/", "destination_not_allowed"],
    ["https://metadata.google.internal/computeMetadata/v1/", "destination_not_allowed"],
    ["https://METADATA.google.internal./computeMetadata/v1/", "destination_not_allowed"],
    ["https://localhost/x", "destination_not_allowed"],
    ["https://localhost./x", "destination_not_allowed"],
    ["https://hooks.localhost/x", "destination_not_allowed"],
    ["https://printer.local/x", "destination_not_allowed"],
    ["https://router.home.arpa/x", "destination_not_allowed"],
  ])("refuses %s: %s", (url, code) => {
    expect(production.refusalOf(new URL(url))).toMatchObject({ code });
  });

  it("says why, naming the address and its range", () => {
    expect(production.refusalOf(new URL("https://[::ffff:a9fe:a9fe]/x"))?.reason).toBe(
      "::ffff:a9fe:a9fe is not a public address: IPv4-mapped 169.254.169.254: link-local (the cloud metadata server) (169.254.0.0/16)",
    );
    expect(production.refusalOf(new URL("https://hooks.example.com:6379/x"))?.reason).toMatch(/^port 6379 \(Redis\) is not allowed/);
    expect(production.refusalOf(new URL("https://metadata.google.internal/"))?.reason).toBe("metadata.google.internal is a private name (.internal), not a public one");
  });
});

describe("the URL itself, on the local platform (allowlist 127.0.0.1, localhost)", () => {
  it.each(["http://127.0.0.1:8080/hook", "http://localhost:3000/hook", "http://LOCALHOST.:3000/hook", "https://127.0.0.1:8443/hook", "https://hooks.example.com/x"])("allows %s", (url) => {
    expect(local.refusalOf(new URL(url))).toBeUndefined();
  });

  it.each([
    ["http://127.0.0.2:8080/hook", "https_required"],
    ["https://127.0.0.2:8443/hook", "destination_not_allowed"],
    ["http://[::1]:8080/hook", "https_required"],
    ["https://[::1]:8443/hook", "destination_not_allowed"],
    ["https://[::ffff:127.0.0.1]:8443/hook", "destination_not_allowed"],
    ["https://10.0.0.1/x", "destination_not_allowed"],
    ["http://hooks.example.com/x", "https_required"],
    ["http://127.0.0.1/hook", "port_not_allowed"],
    ["http://127.0.0.1:27017/", "port_not_allowed"],
    ["http://user:secret@127.0.0.1:8080/hook", "credentials_not_allowed"],
  ])("still refuses %s: %s", (url, code) => {
    expect(local.refusalOf(new URL(url))).toMatchObject({ code });
  });

  it.each(["127.0.0.1:8080", "localhost/hooks", "user@localhost", "", "local host"])("refuses the allowlist entry %j when built", (entry) => {
    expect(() => destinationGuard({ allowlist: [entry] })).toThrow(/allowlist entry/);
  });

  it("reads allowlist entries as the URL parser reads hosts", () => {
    const guard = destinationGuard({ allowlist: ["::1", "LocalHost.", "[::ffff:127.0.0.1]"] });
    expect(guard.refusalOf(new URL("http://[::1]:8080/"))).toBeUndefined();
    expect(guard.refusalOf(new URL("http://localhost:8080/"))).toBeUndefined();
    expect(guard.refusalOf(new URL("http://[::ffff:7f00:1]:8080/"))).toBeUndefined();
  });
});

describe("assertAllowed, at registration", () => {
  it.each([
    ["private.example.com", ["10.1.2.3"], "private (10.0.0.0/8)"],
    ["metadata.example.com", ["169.254.169.254"], "link-local (the cloud metadata server) (169.254.0.0/16)"],
    ["mixed.example.com", ["8.8.8.8", "127.0.0.1"], "loopback (127.0.0.0/8)"],
    ["mapped.example.com", ["::ffff:10.0.0.1"], "IPv4-mapped 10.0.0.1: private (10.0.0.0/8)"],
    ["ula.example.com", ["2606:4700:4700::1111", "fd00::5"], "unique-local (fc00::/7)"],
  ])("refuses %s, which resolves to %j: destination_refused, with the reason", async (host, addresses, reason) => {
    const guard = destinationGuard({ allowlist: [] }, resolverOf({ [host]: addresses }));
    await expect(guard.assertAllowed(`https://${host}/hook`)).rejects.toMatchObject({
      code: "destination_refused",
      message: `${host} resolves to an address that is not public: ${reason}`,
      details: { reason: "destination_not_allowed" },
    });
  });

  it("refuses what the URL itself shows, without resolving anything", async () => {
    const resolve = resolverOf({});
    const guard = destinationGuard({ allowlist: [] }, resolve);
    for (const [url, reason] of [
      ["https://169.254.169.254/computeMetadata/v1/", "destination_not_allowed"],
      ["https://user:pass@hooks.example.com/", "credentials_not_allowed"],
      ["http://hooks.example.com/", "https_required"],
      ["https://hooks.example.com:5432/", "port_not_allowed"],
      ["not a url", "destination_not_allowed"],
    ]) {
      await expect(guard.assertAllowed(url!)).rejects.toMatchObject({ code: "destination_refused", details: { reason } });
    }
    expect(resolve.calls).toEqual([]);
  });

  it("allows a name that resolves only to public addresses", async () => {
    const guard = destinationGuard({ allowlist: [] }, resolverOf({ "hooks.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"] }));
    await expect(guard.assertAllowed("https://hooks.example.com/hook")).resolves.toBeUndefined();
  });

  it("allows a name that does not resolve yet, or not in time: the connect check judges it", async () => {
    const guard = destinationGuard({ allowlist: [] }, resolverOf({}));
    await expect(guard.assertAllowed("https://not-yet.example.com/hook")).resolves.toBeUndefined();

    vi.useFakeTimers();
    try {
      const hanging = destinationGuard({ allowlist: [] }, () => new Promise<never>(() => {}));
      const check = hanging.assertAllowed("https://slow.example.com/hook");
      await vi.advanceTimersByTimeAsync(3_000);
      await expect(check).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not resolve allowlisted hosts, which may be loopback", async () => {
    const resolve = resolverOf({ localhost: ["127.0.0.1"] });
    const guard = destinationGuard({ allowlist: ["localhost"] }, resolve);
    await expect(guard.assertAllowed("http://localhost:8080/hook")).resolves.toBeUndefined();
    expect(resolve.calls).toEqual([]);
  });
});

describe("the agent, at connect", () => {
  let server: Server;
  let port: number;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses a name that resolved to a public address at registration and to loopback at connect (DNS rebinding)", async () => {
    const answers = [["93.184.215.14"], ["127.0.0.1"]];
    const guard = destinationGuard({ allowlist: [] }, async () => (answers.shift() ?? []).map((address) => ({ address, family: 4 })));
    await expect(guard.assertAllowed(`https://rebind.example.com:${port}/hook`)).resolves.toBeUndefined();

    const agent = guard.agent({ connectMs: 1_000, headersMs: 1_000 });
    const before = requests;
    const error = await agent.request({ origin: `http://rebind.example.com:${port}`, path: "/hook", method: "POST" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    await agent.close();
    expect(causes(error).find((e) => e instanceof DestinationRefused)?.message).toBe("rebind.example.com resolves to an address that is not public: loopback (127.0.0.0/8)");
    expect(requests).toBe(before);
  });

  it("connects an allowlisted name to the loopback address it resolves to", async () => {
    const guard = destinationGuard({ allowlist: ["receiver.test"] }, resolverOf({ "receiver.test": ["127.0.0.1"] }));
    const agent = guard.agent({ connectMs: 1_000, headersMs: 1_000 });
    const before = requests;
    const response = await agent.request({ origin: `http://receiver.test:${port}`, path: "/hook", method: "POST" });
    await response.body.dump();
    await agent.close();
    expect(response.statusCode).toBe(204);
    expect(requests).toBe(before + 1);
  });
});

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 5; current = current instanceof Error ? current.cause : undefined) chain.push(current);
  return chain;
}
