/**
 * A random Idempotency-Key (a UUID v4) from the platform's cryptographic source. Browsers and
 * Node ≥ 20 have `crypto.randomUUID`; React Native (Hermes) has `crypto.getRandomValues` once
 * `react-native-get-random-values` is imported, which is what the fallback uses.
 */
export function newIdempotencyKey(): string {
  const cryptoApi = (globalThis as { crypto?: Crypto }).crypto;
  if (typeof cryptoApi?.randomUUID === "function") return cryptoApi.randomUUID();
  if (typeof cryptoApi?.getRandomValues !== "function") {
    throw new Error("@user-x/sdk needs crypto.getRandomValues for idempotency keys; on React Native, import 'react-native-get-random-values' first");
  }
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
