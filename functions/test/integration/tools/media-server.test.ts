import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/local-platform.js";

// The local Cloudinary-compatible media server (tools/media-server.mjs), checked against the
// `cloudinary` package itself: its uploader, its request and URL signatures, its notification check.
// Each run starts its own server on a free port with its own storage, so it needs no platform.
const cloudName = "media-test";
const apiKey = "123456789012345";
const apiSecret = "media-server-test-secret";
type Cloudinary = typeof import("cloudinary").v2;
let cloudinary: Cloudinary;
let server: ChildProcess;
let storage: string;
let receiver: http.Server;
let mediaOrigin: string;
let receiverUrl: string;
const received: Array<{ body: string; timestamp: string; signature: string }> = [];
let refuseNotifications = 0;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const [mediaPort, receiverPort] = [await freePort(), await freePort()];
  mediaOrigin = `http://127.0.0.1:${mediaPort}`;
  receiverUrl = `http://127.0.0.1:${receiverPort}/notifications`;
  storage = await mkdtemp(join(tmpdir(), "media-server-"));
  receiver = http
    .createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        if (refuseNotifications > 0) {
          refuseNotifications -= 1;
          res.writeHead(503).end();
          return;
        }
        received.push({ body, timestamp: String(req.headers["x-cld-timestamp"]), signature: String(req.headers["x-cld-signature"]) });
        res.end("ok");
      });
    })
    .listen(receiverPort, "127.0.0.1");
  server = spawn(process.execPath, [
    "tools/media-server.mjs",
    `--listen=127.0.0.1:${mediaPort}`,
    `--cloud-name=${cloudName}`,
    `--api-key=${apiKey}`,
    `--api-secret=${apiSecret}`,
    `--storage=${storage}`,
    `--notify-origins=http://127.0.0.1:${receiverPort}`,
  ], { stdio: "ignore" });
  // The uploader picks http or https from the configuration it finds when it is loaded.
  process.env.CLOUDINARY_URL = `cloudinary://${apiKey}:${apiSecret}@${cloudName}?upload_prefix=${mediaOrigin}`;
  cloudinary = (await import("cloudinary")).v2;
  await eventually(() => fetch(`${mediaOrigin}/_control/notifications`).then((response) => (response.ok ? true : undefined), () => undefined));
});

afterAll(async () => {
  server?.kill("SIGTERM");
  receiver?.close();
  await rm(storage, { recursive: true, force: true });
});

const photo = (width = 120, height = 80, format: "jpeg" | "png" = "jpeg") =>
  sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } }).toFormat(format).toBuffer();
const dataUri = (bytes: Buffer, mime = "image/jpeg") => `data:${mime};base64,${bytes.toString("base64")}`;
const now = () => Math.floor(Date.now() / 1000);

/** A direct upload as a browser makes it: the signed params and the file in one multipart form. */
async function directUpload(params: Record<string, string | number>, file: Buffer, resourceType = "image") {
  const form = new FormData();
  for (const [key, value] of Object.entries(params)) form.append(key, String(value));
  form.append("file", new Blob([new Uint8Array(file)]), "shelf.jpg");
  const response = await fetch(`${mediaOrigin}/v1_1/${cloudName}/${resourceType}/upload`, { method: "POST", body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the local media server", () => {
  it("takes an upload signed by the cloudinary package, answering as Cloudinary does, and keeps the file", async () => {
    const result = await cloudinary.uploader.upload(dataUri(await photo()), { folder: "claims/clm_a", public_id: "shelf", type: "authenticated", allowed_formats: ["jpg", "png"] });
    expect(result).toMatchObject({ public_id: "claims/clm_a/shelf", format: "jpg", width: 120, height: 80, resource_type: "image", type: "authenticated", folder: "claims/clm_a" });
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.signature).toBe(cloudinary.utils.api_sign_request({ public_id: result.public_id, version: result.version }, apiSecret));
    const served = await fetch(cloudinary.url(result.public_id, { type: "authenticated", sign_url: true, format: "jpg", version: result.version, secure: false, cname: mediaOrigin.slice(7) }));
    expect(served.status).toBe(200);
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(120);
  });

  it("takes a direct multipart upload whose params were signed with SHA-1 or SHA-256", async () => {
    for (const algorithm of ["sha1", "sha256"] as const) {
      const params = { timestamp: now(), folder: "claims/clm_b", public_id: `shelf_${algorithm}`, allowed_formats: "jpg,png" };
      // The typings name two parameters; the function takes the algorithm as a third.
      const signature = (cloudinary.utils.api_sign_request as (params: object, secret: string, algorithm: string) => string)(params, apiSecret, algorithm);
      const { status, body } = await directUpload({ ...params, signature, api_key: apiKey }, await photo());
      expect(status, algorithm).toBe(200);
      expect(body).toMatchObject({ public_id: `claims/clm_b/shelf_${algorithm}`, format: "jpg" });
    }
  });

  it("refuses a changed param, a wrong secret, a stale timestamp, an unknown key and a format not allowed", async () => {
    const params = { timestamp: now(), folder: "claims/clm_c", public_id: "shelf", allowed_formats: "png" };
    const signature = cloudinary.utils.api_sign_request(params, apiSecret);
    const file = await photo();
    const cases = [
      { params: { ...params, public_id: "elsewhere", signature, api_key: apiKey }, status: 401, message: /Invalid Signature/ },
      { params: { ...params, signature: cloudinary.utils.api_sign_request(params, "not-the-secret"), api_key: apiKey }, status: 401, message: /Invalid Signature/ },
      { params: { ...params, timestamp: now() - 2 * 3600, signature: cloudinary.utils.api_sign_request({ ...params, timestamp: now() - 2 * 3600 }, apiSecret), api_key: apiKey }, status: 400, message: /Stale request/ },
      { params: { ...params, signature, api_key: "999" }, status: 401, message: /Unknown API key/ },
      { params: { ...params, signature, api_key: apiKey }, status: 400, message: /format jpg not allowed/ },
    ];
    for (const { params: sent, status, message } of cases) {
      const answer = await directUpload(sent, file);
      expect(answer.status).toBe(status);
      expect(String((answer.body.error as { message: string }).message)).toMatch(message);
    }
    // Nothing was kept by any of them.
    expect((await fetch(`${mediaOrigin}/${cloudName}/image/upload/claims/clm_c/shelf.jpg`)).status).toBe(404);
  });

  it("notifies the notification_url with Cloudinary's signature, which the cloudinary package verifies, retrying until it is taken", async () => {
    refuseNotifications = 1;
    const params = { timestamp: now(), folder: "claims/clm_d", public_id: "shelf", notification_url: receiverUrl };
    const { status } = await directUpload({ ...params, signature: cloudinary.utils.api_sign_request(params, apiSecret), api_key: apiKey }, await photo(200, 150, "png"));
    expect(status).toBe(200);
    const notification = await eventually(() => received.find((one) => one.body.includes("claims/clm_d/shelf")));
    expect(JSON.parse(notification.body)).toMatchObject({ notification_type: "upload", public_id: "claims/clm_d/shelf", format: "png", width: 200, height: 150 });
    expect(cloudinary.utils.verifyNotificationSignature(notification.body, Number(notification.timestamp), notification.signature)).toBe(true);
    expect(cloudinary.utils.verifyNotificationSignature(notification.body.replace("png", "jpg"), Number(notification.timestamp), notification.signature)).toBe(false);
    const attempts = (await (await fetch(`${mediaOrigin}/_control/notifications`)).json()) as Array<{ publicId: string; status: number }>;
    expect(attempts.filter((attempt) => attempt.publicId === "claims/clm_d/shelf").map((attempt) => attempt.status)).toEqual([503, 200]);
  });

  it("sends no notification to an origin it was not given", async () => {
    const params = { timestamp: now(), public_id: "elsewhere", notification_url: "http://169.254.169.254/latest" };
    expect((await directUpload({ ...params, signature: cloudinary.utils.api_sign_request(params, apiSecret), api_key: apiKey }, await photo())).status).toBe(200);
    const attempts = await eventually(async () => {
      const all = (await (await fetch(`${mediaOrigin}/_control/notifications`)).json()) as Array<{ publicId: string; refused?: boolean }>;
      return all.find((attempt) => attempt.publicId === "elsewhere");
    });
    expect(attempts).toMatchObject({ refused: true });
  });

  it("serves authenticated media only through a signed URL, and private downloads only until they expire", async () => {
    const result = await cloudinary.uploader.upload(dataUri(await photo()), { public_id: "receipt", type: "authenticated" });
    const host = mediaOrigin.slice("http://".length);
    const signed = cloudinary.url(result.public_id, { type: "authenticated", sign_url: true, format: "jpg", secure: false, cname: host });
    const longSigned = cloudinary.url(result.public_id, { type: "authenticated", sign_url: true, long_url_signature: true, format: "jpg", secure: false, cname: host });
    expect((await fetch(signed)).status).toBe(200);
    expect((await fetch(longSigned)).status).toBe(200);
    expect((await fetch(signed.replace(/s--[^/]+--/, "s--AAAAAAAA--"))).status).toBe(401);
    expect((await fetch(cloudinary.url(result.public_id, { type: "authenticated", format: "jpg", secure: false, cname: host }))).status).toBe(401);
    const download = (expiresAt: number) => cloudinary.utils.private_download_url(result.public_id, "jpg", { type: "authenticated", expires_at: expiresAt });
    expect((await fetch(download(now() + 60))).status).toBe(200);
    expect((await fetch(download(now() - 1))).status).toBe(401);
  });
});
