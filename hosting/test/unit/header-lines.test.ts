import { describe, expect, it } from "vitest";
import { WebhookHeaders } from "../../../functions/src/contracts/organizations";
import { formatLines, parseLines } from "../../src/features/webhooks/header-lines";

describe("custom headers and metadata as lines", () => {
  it("reads Name: value and key=value lines, skipping blank ones, and writes them back the same", () => {
    expect(parseLines("X-Team: hooks\n\nAuthorization: Bearer a:b\n", ":")).toEqual({ value: { "X-Team": "hooks", Authorization: "Bearer a:b" } });
    expect(parseLines("owner=ops\nurl=https://x.example/?a=b", "=")).toEqual({ value: { owner: "ops", url: "https://x.example/?a=b" } });
    const headers = { "X-Team": "hooks", "X-Env": "prod" };
    expect(parseLines(formatLines(headers, ":"), ":")).toEqual({ value: headers });
  });

  it("names the first line without its separator, or with nothing before it", () => {
    expect(parseLines("X-Team: hooks\nno separator", ":")).toEqual({ badLine: 2 });
    expect(parseLines(": value", ":")).toEqual({ badLine: 1 });
  });

  it("leaves the rules to the API's schema: a webhook-* header the lines allow is refused by it", () => {
    const parsed = parseLines("webhook-signature: v1,forged", ":");
    expect("value" in parsed && WebhookHeaders.safeParse(parsed.value).success).toBe(false);
  });
});
