import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, bench, describe } from "vitest";
import { standardWebhookSender } from "../src/adapters/webhooks/standard-webhook-sender.js";
import { signatureHeader } from "../src/domain/webhooks/signing.js";

// The delivery path in one process: sign a message (v1 HMAC-SHA256, as every endpoint is signed),
// then POST it through the sender our functions use (destination guard, pooled agent, timeouts)
// to a receiver on loopback that answers 204. Receiver and sender share the process, so the CPU
// time measured covers both ends: deliveries per CPU-second is deliveries per second per core.

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const body = JSON.stringify({
  type: "claim.completed.v1",
  timestamp: "2026-03-01T12:00:00.000Z",
  data: { id: "evt_7a6b5c4d3e2f1a0b", version: 1, orgId: "org_5e6f7a8b9c0d1e2f", claimId: "clm_8b1e2d3c4f5a6b7c", opportunityId: "opp_2f9c41d07e5a4b1c", userId: "usr_c0ffee00c0ffee00", completedAt: "2026-03-01T12:00:00.000Z" },
});
const inParallel = 32;

let received = 0;
const receiver = createServer((req, res) => {
  req.resume().on("end", () => {
    received++;
    res.writeHead(204).end();
  });
});
let url = "";
let sender: ReturnType<typeof standardWebhookSender>;
const tally = { deliveries: 0, failures: 0, wallMs: 0, cpuMs: 0 };

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  sender = standardWebhookSender({ allowlist: ["127.0.0.1"] });
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  if (tally.deliveries === 0) return;
  const perCore = tally.deliveries / (tally.cpuMs / 1000);
  console.log(
    `\nWebhook delivery to a loopback receiver (sign + POST, ${inParallel} in flight, one process): ` +
      `${perCore.toFixed(0)} deliveries per second per core (CPU time), ${(tally.deliveries / (tally.wallMs / 1000)).toFixed(0)} per second of wall time; ` +
      `${tally.deliveries} deliveries, ${tally.failures} failed, ${received} received\n`,
  );
});

let sequence = 0;
async function deliverOne(): Promise<void> {
  const messageId = `msg_bench${String(sequence++).padStart(19, "0")}`;
  const now = new Date();
  const signature = signatureHeader({ secrets: [secret], signingKeys: [] }, messageId, now, body);
  const result = await sender.send({ url, signature, headers: {}, messageId, timestamp: now, body });
  if (result.status !== 204) tally.failures++;
}

describe("webhook delivery", () => {
  bench("sign a message (v1 HMAC-SHA256)", () => {
    signatureHeader({ secrets: [secret], signingKeys: [] }, "msg_bench0000000000000000000", new Date(), body);
  });

  bench(`sign and POST ${inParallel} messages to a loopback receiver`, async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(Array.from({ length: inParallel }, deliverOne));
    const used = process.cpuUsage(cpu);
    tally.cpuMs += (used.user + used.system) / 1000;
    tally.wallMs += performance.now() - started;
    tally.deliveries += inParallel;
  });
});
