// A Cloudinary-compatible media server for the local platform: the parts of Cloudinary's Upload API
// and delivery that User-X uses, with Cloudinary's own signing rules, so that the `cloudinary` npm
// package, pointed here by `upload_prefix` and a delivery `cname`, works against it unchanged.
//
//   POST /v1_1/{cloud}/{image|video}/upload      multipart: file + signed params (api_sign_request:
//                                                 SHA-1 or SHA-256 hex of the sorted `k=v` joined
//                                                 by `&`, `&` in values escaped, + api secret;
//                                                 `timestamp` within an hour of now)
//   GET  /v1_1/{cloud}/{image|video}/download    a private download URL (private_download_url):
//                                                 signed params, refused after `expires_at`
//   GET  /{cloud}/{image|video}/{type}/[s--sig--/][v123/]{public_id}.{format}
//                                                 delivery; `authenticated` and `private` assets
//                                                 need the URL signature of url(…, {sign_url: true})
//   GET  /_control/notifications                 every notification attempt made (tests)
//   POST /_control/notifications/resend?public_id=…  send a file's notification again, as a store
//                                                 that lost the receiver's answer would (tests)
//
// Each upload with a `notification_url` is notified by a POST of Cloudinary's upload notification,
// signed as Cloudinary signs them (`X-Cld-Timestamp`, `X-Cld-Signature`: hex SHA of body +
// timestamp + api secret), retried with backoff until a 2xx. Notifications only go to the origins
// given (`--notify-origins`): the local stand-in of the destination guard, narrowed, never off.
// Files are kept under `--storage` (.local/media), each beside a JSON file of its resource.
// Transformations are not served: a URL naming one answers 404.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import http from "node:http";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";

const { values: options } = parseArgs({
  options: {
    listen: { type: "string", default: "127.0.0.1:8098" },
    "cloud-name": { type: "string" },
    "api-key": { type: "string" },
    "api-secret": { type: "string" },
    storage: { type: "string" },
    "notify-origins": { type: "string", default: "" },
    "max-upload-bytes": { type: "string", default: String(100 * 1024 * 1024) },
  },
});
for (const required of ["cloud-name", "api-key", "api-secret", "storage"]) {
  if (!options[required]) throw new Error(`--${required} is required`);
}
const cloudName = options["cloud-name"];
const apiSecret = options["api-secret"];
const notifyOrigins = new Set(options["notify-origins"].split(",").filter(Boolean));
const maxUploadBytes = Number(options["max-upload-bytes"]);
const staleAfterSeconds = 60 * 60;
const notificationBackoffMs = [0, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000];
const notificationLog = [];
/** The last notification of each public id, to send again on demand. */
const sentNotifications = new Map();

const log = (message, fields = {}) => console.log(JSON.stringify({ time: new Date().toISOString(), message, ...fields }));
const nowSeconds = () => Math.floor(Date.now() / 1000);
const hash = (algorithm, input, encoding = "hex") => createHash(algorithm).update(input).digest(encoding);

/** Cloudinary's string to sign (signature version 2): non-empty params sorted by name, arrays joined by commas, `&` escaped. */
function stringToSign(params) {
  return Object.entries(params)
    .map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : value])
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`.replace(/&/g, "%26"))
    .join("&");
}

/** Whether `signature` is the api_sign_request signature of `params`, in SHA-1 or SHA-256 (told apart by length). */
function signatureMatches(params, signature) {
  const algorithm = signature?.length === 64 ? "sha256" : "sha1";
  return typeof signature === "string" && hash(algorithm, stringToSign(params) + apiSecret) === signature;
}

// What a request names besides the parameters it signs (Cloudinary leaves these out of the signature).
const unsignedParams = new Set(["file", "cloud_name", "resource_type", "api_key", "signature"]);

class CloudinaryError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function checkSigned(params) {
  if (params.api_key !== options["api-key"]) throw new CloudinaryError(401, "Unknown API key");
  const timestamp = Number(params.timestamp);
  if (!Number.isInteger(timestamp)) throw new CloudinaryError(400, "Missing required parameter - timestamp");
  const signed = Object.fromEntries(Object.entries(params).filter(([key]) => !unsignedParams.has(key)));
  if (!signatureMatches(signed, params.signature)) throw new CloudinaryError(401, `Invalid Signature ${params.signature ?? ""}. String to sign - '${stringToSign(signed)}'.`);
  if (Math.abs(nowSeconds() - timestamp) > staleAfterSeconds) throw new CloudinaryError(400, `Stale request - reported time is ${new Date(timestamp * 1000).toISOString()} which is out of range`);
}

const sharpFormats = { jpeg: "jpg", png: "png", webp: "webp", heif: "heic", gif: "gif", avif: "avif", tiff: "tiff" };

/** The format and size of a file, read from its bytes (never from its name): sharp for images, the container's magic for videos. */
async function describe(bytes, resourceType) {
  if (resourceType === "image") {
    const metadata = await sharp(bytes).metadata().catch(() => null);
    const format = metadata && sharpFormats[metadata.format];
    if (!format) throw new CloudinaryError(400, "Invalid image file");
    return { format, width: metadata.width, height: metadata.height };
  }
  if (bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return { format: "webm" };
  if (bytes.subarray(4, 8).toString("latin1") === "ftyp") return { format: bytes.subarray(8, 10).toString("latin1") === "qt" ? "mov" : "mp4" };
  throw new CloudinaryError(400, "Invalid video file");
}

/** The uploaded file's bytes: a multipart file, or a base64 data URI as the SDKs send a buffer (remote URLs are not fetched here). */
async function fileBytes(file) {
  if (file instanceof Blob) return Buffer.from(await file.arrayBuffer());
  const dataUri = typeof file === "string" && file.match(/^data:[\w/+.-]*(?:;[\w=-]+)*;base64,(.*)$/s);
  if (dataUri) return Buffer.from(dataUri[1], "base64");
  throw new CloudinaryError(400, "Missing required parameter - file");
}

const safePublicId = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
const pathOf = (resourceType, type, publicId) => join(options.storage, cloudName, resourceType, type, publicId);

function deliveryUrl(resourceType, type, publicId, version, format) {
  return `http://${options.listen}/${cloudName}/${resourceType}/${type}/v${version}/${publicId}.${format}`;
}

async function upload(resourceType, params) {
  checkSigned(params);
  const file = params.file;
  const bytes = await fileBytes(file);
  const type = params.type || "upload";
  if (!["upload", "authenticated", "private"].includes(type)) throw new CloudinaryError(400, `Invalid type ${type}`);
  const publicId = [params.folder, params.public_id || randomBytes(10).toString("hex")].filter(Boolean).join("/");
  if (!safePublicId.test(publicId) || publicId.length > 255) throw new CloudinaryError(400, "Invalid public_id");
  const described = await describe(bytes, resourceType);
  const allowed = params.allowed_formats ? String(params.allowed_formats).split(",") : null;
  if (allowed && !allowed.includes(described.format)) throw new CloudinaryError(400, `${resourceType === "image" ? "Image" : "Video"} format ${described.format} not allowed`);
  const version = nowSeconds();
  const resource = {
    asset_id: hash("md5", `${cloudName}/${resourceType}/${type}/${publicId}`),
    public_id: publicId,
    version,
    version_id: randomBytes(16).toString("hex"),
    signature: hash("sha1", stringToSign({ public_id: publicId, version }) + apiSecret),
    ...(described.width ? { width: described.width, height: described.height } : {}),
    format: described.format,
    resource_type: resourceType,
    created_at: new Date(version * 1000).toISOString(),
    tags: params.tags ? String(params.tags).split(",") : [],
    bytes: bytes.length,
    type,
    etag: hash("md5", bytes),
    placeholder: false,
    url: deliveryUrl(resourceType, type, publicId, version, described.format),
    secure_url: deliveryUrl(resourceType, type, publicId, version, described.format),
    ...(params.folder ? { folder: params.folder } : {}),
    original_filename: (file?.name || "file").replace(/\.[^.]*$/, ""),
    // The local stand-in of a moderation add-on (aws_rek): it approves every image but one whose
    // file name starts with "unsafe", which it rejects, so tests can play either verdict.
    ...(params.moderation && resourceType === "image" ? { moderation: [{ kind: String(params.moderation), status: /^unsafe/i.test(file?.name || "") ? "rejected" : "approved" }] } : {}),
    api_key: options["api-key"],
  };
  const path = pathOf(resourceType, type, publicId);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, `${path}.${described.format}`);
  writeFileSync(`${path}.json`, JSON.stringify(resource));
  log("uploaded", { publicId, resourceType, type, bytes: bytes.length });
  if (params.notification_url) void notify(params.notification_url, resource);
  return resource;
}

/** Posts the upload notification, signed like Cloudinary's, until the receiver takes it (2xx) or the backoff runs out. */
async function notify(url, resource) {
  let origin;
  try {
    origin = new URL(url).origin;
  } catch {
    origin = null;
  }
  if (!origin || !notifyOrigins.has(origin)) {
    log("notification refused: origin not allowed", { url });
    notificationLog.push({ url, publicId: resource.public_id, refused: true });
    return;
  }
  const body = JSON.stringify({ notification_type: "upload", timestamp: new Date().toISOString(), request_id: randomBytes(16).toString("hex"), ...resource });
  sentNotifications.set(resource.public_id, { url, resource, body });
  await post(url, resource, body);
}

async function post(url, resource, body) {
  for (const [index, delayMs] of notificationBackoffMs.entries()) {
    await sleep(delayMs);
    const timestamp = String(nowSeconds());
    const headers = { "content-type": "application/json", "x-cld-timestamp": timestamp, "x-cld-signature": hash("sha1", body + timestamp + apiSecret) };
    const attempt = { url, publicId: resource.public_id, attempt: index + 1, status: null };
    notificationLog.push(attempt);
    try {
      const response = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(30_000) });
      attempt.status = response.status;
      await response.arrayBuffer();
      if (response.ok) return;
    } catch (error) {
      attempt.error = String(error);
    }
  }
  log("notification given up", { url, publicId: resource.public_id });
}

function readResource(resourceType, type, publicId) {
  const path = pathOf(resourceType, type, publicId);
  if (!safePublicId.test(publicId) || !existsSync(`${path}.json`)) return null;
  const resource = JSON.parse(readFileSync(`${path}.json`, "utf8"));
  return { resource, bytes: readFileSync(`${path}.${resource.format}`) };
}

const contentTypes = { jpg: "image/jpeg", png: "image/png", webp: "image/webp", heic: "image/heic", gif: "image/gif", avif: "image/avif", tiff: "image/tiff", mp4: "video/mp4", mov: "video/quicktime", webm: "video/webm" };

function serveFile(res, found) {
  res.writeHead(200, { "content-type": contentTypes[found.resource.format] ?? "application/octet-stream", "content-length": found.bytes.length, "cache-control": "private, max-age=60" });
  res.end(found.bytes);
}

/** Delivery: `/{cloud}/{resource_type}/{type}/[s--sig--/][v123/]{public_id}.{format}`, the signature being url(…, {sign_url: true})'s over `{public_id}.{format}`. */
function deliver(res, segments) {
  const [resourceType, type, ...rest] = segments;
  const signature = rest[0]?.match(/^s--([A-Za-z0-9_-]{8}|[A-Za-z0-9_-]{32})--$/) ? rest.shift().slice(3, -2) : null;
  if (rest[0]?.match(/^v\d+$/)) rest.shift();
  const source = rest.join("/");
  const match = source.match(/^(.+)\.([a-z0-9]+)$/);
  const found = match && readResource(resourceType, type, match[1]);
  if (!found || found.resource.format !== match[2]) return sendError(res, new CloudinaryError(404, "Resource not found"));
  if (type !== "upload") {
    const algorithm = signature?.length === 32 ? "sha256" : "sha1";
    const expected = signature && hash(algorithm, source + apiSecret, "base64").slice(0, signature.length).replace(/\//g, "_").replace(/\+/g, "-");
    if (!signature || signature !== expected) return sendError(res, new CloudinaryError(401, "Invalid or missing URL signature"));
  }
  serveFile(res, found);
}

/** A private download URL (utils.private_download_url): its params signed, and not past `expires_at`. */
function download(res, resourceType, query) {
  const params = Object.fromEntries(query);
  checkSigned(params);
  if (params.expires_at && Number(params.expires_at) < nowSeconds()) throw new CloudinaryError(401, "Download link expired");
  const found = readResource(resourceType, params.type || "upload", String(params.public_id ?? ""));
  if (!found || (params.format && params.format !== found.resource.format)) throw new CloudinaryError(404, "Resource not found");
  serveFile(res, found);
}

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const sendError = (res, error) => send(res, error.status, { error: { message: error.message } });

async function formParams(req) {
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > maxUploadBytes) throw new CloudinaryError(413, `File size too large. Got ${length}. Maximum is ${maxUploadBytes}.`);
  const request = new Request("http://media.local/", { method: "POST", headers: req.headers, body: req, duplex: "half" });
  const form = await request.formData().catch(() => {
    throw new CloudinaryError(400, "Invalid multipart request");
  });
  const params = {};
  for (const [key, value] of form) params[key.replace(/\[\]$/, "")] = value;
  return params;
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://media.local");
  const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (url.pathname === "/_control/notifications" && req.method === "GET") return send(res, 200, notificationLog);
    if (url.pathname === "/_control/notifications/resend" && req.method === "POST") {
      const sent = sentNotifications.get(url.searchParams.get("public_id"));
      if (!sent) return sendError(res, new CloudinaryError(404, "No notification sent for this public_id"));
      await post(sent.url, sent.resource, sent.body);
      return send(res, 200, { resent: sent.resource.public_id });
    }
    if (segments[0] === "v1_1" && segments[1] === cloudName && ["image", "video"].includes(segments[2])) {
      if (segments[3] === "upload" && segments.length === 4 && req.method === "POST") return send(res, 200, await upload(segments[2], await formParams(req)));
      if (segments[3] === "download" && segments.length === 4 && req.method === "GET") return download(res, segments[2], url.searchParams);
    }
    if (segments[0] === cloudName && req.method === "GET" && ["image", "video"].includes(segments[1])) return deliver(res, segments.slice(1));
    sendError(res, new CloudinaryError(404, "Not found"));
  } catch (error) {
    if (error instanceof CloudinaryError) return sendError(res, error);
    log("request failed", { error: String(error) });
    sendError(res, new CloudinaryError(500, "General Error"));
  }
});

const [host, port] = options.listen.split(":");
server.listen(Number(port), host, () => log("media server listening", { listen: options.listen, cloudName, storage: options.storage }));
const stop = () => server.close(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
