import { describe, expect, it } from "vitest";
import { assertPublicHost, isBlockedAddress } from "../../../src/adapters/webhooks/destination-guard.js";

describe("webhook destination guard", () => {
  it.each([
    "127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.10", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
    "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "not-an-address",
  ])("refuses %s", (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(["8.8.8.8", "151.101.1.69", "2606:4700:4700::1111"])("allows the public address %s", (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it("refuses URLs whose host is a private IP literal, which skip DNS", () => {
    expect(() => assertPublicHost(new URL("http://169.254.169.254/computeMetadata/v1/"))).toThrow(/private/);
    expect(() => assertPublicHost(new URL("https://[::1]:8443/hook"))).toThrow(/private/);
    expect(() => assertPublicHost(new URL("https://hooks.example.com/x"))).not.toThrow();
  });
});
