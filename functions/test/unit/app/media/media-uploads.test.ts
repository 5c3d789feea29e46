import { v2 as cloudinary } from "cloudinary";
import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { listClaimMedia } from "../../../../src/app/media/list-claim-media.js";
import { recordUpload } from "../../../../src/app/media/record-upload.js";
import { signUpload } from "../../../../src/app/media/sign-upload.js";
import sharp from "sharp";
import { cloudinaryMediaStore } from "../../../../src/adapters/cloudinary/cloudinary-media-store.js";
import { sharpImageAnalyzer } from "../../../../src/adapters/sharp/sharp-image-analyzer.js";
import { activeOpportunity, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";
import { scene } from "../../../support/pictures.js";

// The media store is the Cloudinary adapter itself (signing and checking signatures is computation,
// no I/O, so the use cases are tested against the package's real signatures), but for its download,
// which hands back the picture each test stored; pictures are real ones made and measured with sharp.
const apiSecret = "unit-test-cloudinary-secret";
const stored = new Map<string, Buffer>();
const mediaStore = { ...cloudinaryMediaStore({ cloudName: "unit", apiKey: "1234", apiSecret, apiUrl: "http://127.0.0.1:1" }), download: async (file: { publicId: string }) => stored.get(file.publicId)! };

const media = { notificationUrl: "http://127.0.0.1:5000/v1/media/notifications" };
const photoTask = { id: "shelf", type: "upload" as const, title: "Photo of the shelf", media: { kinds: ["image" as const], formats: ["jpg" as const, "png" as const], maxBytes: 2_000_000, minWidth: 640, minHeight: 480, maxCount: 2 } };

async function aliceWithUploadTask(deps: InMemoryDeps, reviewPolicy: "auto" | "manual" = "auto") {
  const opportunity = await activeOpportunity(deps, { tasks: [photoTask], reviewPolicy });
  const alice = participant(deps);
  const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
  return { alice, claimId: claim.id, orgId: opportunity.orgId };
}

/** A time as EXIF writes it: `YYYY:MM:DD HH:MM:SS`, here in UTC. */
const exifTime = (at: Date) => at.toISOString().slice(0, 19).replace("T", " ").replace(/-/g, ":");

const withMedia = (deps: InMemoryDeps) => ({ ...deps, mediaStore, images: sharpImageAnalyzer, media });

/** The notification the media store sends for a stored file, signed as Cloudinary signs it. */
function notificationOf(publicId: string, stored: { format?: string; width?: number; height?: number; bytes?: number } = {}, at = Math.floor(Date.now() / 1000)) {
  const body = JSON.stringify({ notification_type: "upload", public_id: publicId, version: 1, resource_type: "image", type: "authenticated", format: "jpg", width: 800, height: 600, bytes: 120_000, ...stored });
  return { body, headers: { timestamp: String(at), signature: cloudinary.utils.webhook_signature(body, at, { api_secret: apiSecret, signature_algorithm: "sha1" }) } };
}

describe("signUpload", () => {
  it("signs one upload scoped to the claim's folder for the task and a new media id, with the task's formats", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceWithUploadTask(deps);
    const upload = await signUpload(withMedia(deps), alice, claimId, { taskId: "shelf" });
    expect(upload).toMatchObject({ kind: "image", allowedFormats: ["jpg", "png"], maxBytes: 2_000_000, url: "http://127.0.0.1:1/v1_1/unit/image/upload" });
    expect(upload.fields).toMatchObject({ folder: `claims/${claimId}/shelf`, public_id: upload.mediaId, type: "authenticated", allowed_formats: "jpg,png", notification_url: media.notificationUrl, api_key: "1234" });
    const { signature, api_key: _key, ...signed } = upload.fields;
    expect(signature).toBe(cloudinary.utils.api_sign_request(signed, apiSecret));
  });

  it("refuses a claim that is not the caller's, a task that takes no uploads and a kind the task does not take", async () => {
    const deps = inMemoryDeps();
    const { claimId } = await aliceWithUploadTask(deps);
    await expect(signUpload(withMedia(deps), participant(deps), claimId, { taskId: "shelf" })).rejects.toMatchObject({ code: "not_found" });
    const { alice } = { alice: (await deps.claims.findById(claimId))!.userId };
    const holder = { kind: "user" as const, userId: alice, anonymous: false, operator: false };
    await expect(signUpload(withMedia(deps), holder, claimId, { taskId: "nope" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(signUpload(withMedia(deps), holder, claimId, { taskId: "shelf", kind: "video" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("recordUpload", () => {
  it("records the stored file against the claim once, however often the notification comes", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceWithUploadTask(deps);
    const upload = await signUpload(withMedia(deps), alice, claimId, { taskId: "shelf" });
    stored.set(`claims/${claimId}/shelf/${upload.mediaId}`, await scene(4, 800, 600));
    const { body, headers } = notificationOf(`claims/${claimId}/shelf/${upload.mediaId}`);
    expect(await recordUpload(withMedia(deps), body, headers)).toBe("recorded");
    expect(await recordUpload(withMedia(deps), body, headers)).toBe("duplicate");
    expect(await deps.mediaAssets.listByClaim(claimId)).toMatchObject([{ id: upload.mediaId, taskId: "shelf", userId: alice.userId, format: "jpg", width: 800, height: 600 }]);
  });

  it("refuses a forged, changed or stale notification, recording nothing", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await aliceWithUploadTask(deps);
    const upload = await signUpload(withMedia(deps), alice, claimId, { taskId: "shelf" });
    const { body, headers } = notificationOf(`claims/${claimId}/shelf/${upload.mediaId}`);
    await expect(recordUpload(withMedia(deps), body.replace("800", "8000"), headers)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(recordUpload(withMedia(deps), body, { ...headers, signature: "0".repeat(40) })).rejects.toMatchObject({ code: "unauthenticated" });
    const stale = notificationOf(`claims/${claimId}/shelf/${upload.mediaId}`, {}, Math.floor(Date.now() / 1000) - 3 * 3600);
    await expect(recordUpload(withMedia(deps), stale.body, stale.headers)).rejects.toMatchObject({ code: "unauthenticated" });
    expect(deps.mediaAssets.byPublicId.size).toBe(0);
  });

  it("ignores a signed notification about a file we did not sign for", async () => {
    const deps = inMemoryDeps();
    const { body, headers } = notificationOf("somewhere/else");
    expect(await recordUpload(withMedia(deps), body, headers)).toBe("ignored");
  });
});

describe("uploads, submitted", () => {
  /** Alice's claim (or, with `to`, another participant's claim of the same opportunity), and a picture uploaded to it. */
  async function uploaded(deps: InMemoryDeps, picture: Buffer | Promise<Buffer> = scene(1, 800, 600), measured: Parameters<typeof notificationOf>[1] = {}, to?: { opportunityId: string }) {
    const holder = to ? participant(deps) : undefined;
    const { alice, claimId, orgId } = to && holder ? { alice: holder, claimId: (await claimOpportunity(deps, holder, to)).id, orgId: "" } : await aliceWithUploadTask(deps);
    const upload = await signUpload(withMedia(deps), alice, claimId, { taskId: "shelf" });
    const publicId = `claims/${claimId}/shelf/${upload.mediaId}`;
    stored.set(publicId, await picture);
    const { body, headers } = notificationOf(publicId, measured);
    await recordUpload(withMedia(deps), body, headers);
    return { alice, claimId, orgId, mediaId: upload.mediaId, opportunityId: (await deps.claims.findById(claimId))!.opportunityId };
  }

  it("approves a sharp, original picture that meets the task's constraints, under the auto policy", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId, mediaId } = await uploaded(deps);
    const submission = await submitWork(deps, alice, claimId, { taskId: "shelf", media: [mediaId] });
    expect(submission).toMatchObject({ status: "approved", media: [mediaId] });
    expect(submission.verification.checks.map((check) => [check.name, check.passed])).toEqual([
      ["media_count", true],
      ["media_format", true],
      ["media_size", true],
      ["media_dimensions", true],
      ["media_blank", true],
      ["media_blur", true],
      ["media_duplicate", true],
      ["media_capture_time", true],
    ]);
  });

  it("sends a picture the moderation add-on rejected to review, and passes one it approved", async () => {
    const deps = inMemoryDeps();
    const rejected = await uploaded(deps, scene(7, 800, 600), { moderation: [{ kind: "aws_rek", status: "rejected" }] } as never);
    const flagged = await submitWork(deps, rejected.alice, rejected.claimId, { taskId: "shelf", media: [rejected.mediaId] });
    expect(flagged.status).toBe("needs_review");
    expect(flagged.verification.checks.find((check) => check.name === "media_moderation")).toMatchObject({ passed: false, conclusive: false, score: 1, reason: `${rejected.mediaId}: rejected by moderation` });
    const approved = await uploaded(deps, scene(8, 800, 600), { moderation: [{ kind: "aws_rek", status: "approved" }] } as never);
    const passed = await submitWork(deps, approved.alice, approved.claimId, { taskId: "shelf", media: [approved.mediaId] });
    expect(passed.verification.checks.find((check) => check.name === "media_moderation")).toMatchObject({ passed: true });
  });

  it("sends a picture taken days before the claim to review, keeping its capture time and never its GPS position", async () => {
    const deps = inMemoryDeps();
    const taken = new Date(deps.clock.now().getTime() - 3 * 24 * 60 * 60 * 1_000);
    const picture = sharp(await scene(5, 800, 600))
      .withExif({
        IFD0: { Make: "PhoneMaker", Model: "Phone 9" },
        IFD2: { DateTimeOriginal: exifTime(taken), OffsetTimeOriginal: "+00:00" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 3/1" },
      })
      .jpeg()
      .toBuffer();
    const { alice, claimId, mediaId } = await uploaded(deps, picture);
    const [asset] = await deps.mediaAssets.listByClaim(claimId);
    expect(asset!.analysis!.capturedAt).toEqual({ at: taken, zoned: true });
    expect(JSON.stringify(asset)).not.toMatch(/GPS|48\/1|PhoneMaker|Phone 9/);
    const submission = await submitWork(deps, alice, claimId, { taskId: "shelf", media: [mediaId] });
    expect(submission.status).toBe("needs_review");
    expect(submission.verification.checks.find((check) => check.name === "media_capture_time")).toMatchObject({ passed: false, conclusive: false, score: 72, reason: expect.stringContaining("before the claim") });
  });

  it("rejects a blurred picture and a blank one, giving what was measured", async () => {
    const deps = inMemoryDeps();
    const blurred = await uploaded(deps, sharp(await scene(2, 800, 600)).blur(10).jpeg().toBuffer());
    const blurredOne = await submitWork(deps, blurred.alice, blurred.claimId, { taskId: "shelf", media: [blurred.mediaId] });
    expect(blurredOne.status).toBe("rejected");
    expect(blurredOne.verification.checks.find((check) => check.name === "media_blur")).toMatchObject({ passed: false, score: expect.any(Number), reason: expect.stringContaining("under 60") });
    const blank = await uploaded(deps, sharp({ create: { width: 800, height: 600, channels: 3, background: "#eeeeee" } }).jpeg().toBuffer());
    const blankOne = await submitWork(deps, blank.alice, blank.claimId, { taskId: "shelf", media: [blank.mediaId] });
    expect(blankOne.verification.checks.find((check) => check.name === "media_blank")).toMatchObject({ passed: false, score: 0 });
  });

  it("rejects a shrunk, recompressed copy of another participant's picture as a duplicate, and not the original", async () => {
    const deps = inMemoryDeps();
    const original = await scene(3, 1200, 900);
    const first = await uploaded(deps, original);
    const copy = await uploaded(deps, sharp(original).resize(480).jpeg({ quality: 55 }).toBuffer(), {}, { opportunityId: first.opportunityId });
    const copied = await submitWork(deps, copy.alice, copy.claimId, { taskId: "shelf", media: [copy.mediaId] });
    expect(copied.status).toBe("rejected");
    expect(copied.verification.checks.find((check) => check.name === "media_duplicate")).toMatchObject({ passed: false, reason: expect.stringContaining(first.claimId) });
    const originalOne = await submitWork(deps, first.alice, first.claimId, { taskId: "shelf", media: [first.mediaId] });
    // The first upload is found near the copy too: whoever submits second, both are flagged, and a reviewer of a
    // disputed pair sees both; under auto the first is rejected as well, which the thresholds let an organization avoid.
    expect(originalOne.verification.checks.find((check) => check.name === "media_duplicate")).toMatchObject({ passed: false });
  });

  it("rejects a picture smaller than the task asks, under the auto policy", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId, mediaId } = await uploaded(deps, scene(1, 320, 240), { width: 320, height: 240 });
    const submission = await submitWork(deps, alice, claimId, { taskId: "shelf", media: [mediaId] });
    expect(submission.status).toBe("rejected");
    expect(submission.verification.checks.find((check) => check.name === "media_dimensions")).toMatchObject({ passed: false, reason: expect.stringContaining("320×240") });
  });

  it("refuses a media id that is not stored for the task", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId } = await uploaded(deps);
    await expect(submitWork(deps, alice, claimId, { taskId: "shelf", media: ["med_0000000000000000"] })).rejects.toMatchObject({ code: "validation_failed" });
    expect(deps.submissions.table.all()).toEqual([]);
  });

  it("lists the claim's files with expiring signed URLs to its holder and its organization, to no one else", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId, mediaId } = await uploaded(deps);
    const listed = await listClaimMedia(withMedia(deps), alice, claimId);
    expect(listed.data).toMatchObject([{ id: mediaId, taskId: "shelf", format: "jpg", width: 800 }]);
    const url = new URL(listed.data[0]!.url);
    expect(url.pathname).toBe("/v1_1/unit/image/download");
    expect(Number(url.searchParams.get("expires_at"))).toBe(Math.floor(new Date(listed.data[0]!.urlExpiresAt).getTime() / 1000));
    await expect(listClaimMedia(withMedia(deps), participant(deps), claimId)).rejects.toMatchObject({ code: "not_found" });
  });
});
