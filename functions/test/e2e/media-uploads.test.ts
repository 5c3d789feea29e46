import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity } from "./support/scenario.js";
import { scene } from "../support/pictures.js";

// Upload tasks through Hosting against the real local servers: the API signs a direct upload, the
// file goes straight to the local Cloudinary-compatible media server, its signed notification
// reaches the media function, which records the file against the claim; the submission's checks
// read what the store measured, and the organization's review queue shows the work.

const database = platformDatabase();
afterAll(() => database.close());

const shelf = { id: "shelf", type: "upload", title: "Photo of the shelf", media: { kinds: ["image"], formats: ["jpg", "png"], maxBytes: 2_000_000, minWidth: 640, minHeight: 480 } };

/** A real photo-like JPEG: a gradient with a few shapes, `width`×`height`. */
async function photo(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#2a6"/><stop offset="1" stop-color="#c83"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 2}" r="${height / 5}" fill="#fff"/><rect x="${width / 2}" y="${height / 4}" width="${width / 4}" height="${height / 3}" fill="#123"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** Sends the file with the signed fields straight to the media store, as a browser does. */
async function uploadDirect(upload: { url: string; fields: Record<string, string> }, file: Buffer) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file)], { type: "image/jpeg" }), "shelf.jpg");
  const response = await fetch(upload.url, { method: "POST", body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("upload tasks", () => {
  it("signs a direct upload, records the stored file from its notification, checks it and sends it to review", { timeout: 120_000 }, async () => {
    const { asOwner, orgId, opportunity } = await publishedOpportunity({ tasks: [shelf], reviewPolicy: "auto_then_manual" });
    const participant = apiClient((await signUpUser("uploader")).idToken);
    const claim = await participant.post("/v1/claims", { opportunityId: opportunity.id });
    expect(claim.status).toBe(201);
    const claimId = claim.body.id as string;

    const upload = await participant.post(`/v1/claims/${claimId}/uploads`, { taskId: "shelf" });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    expect(upload.body).toMatchObject({ kind: "image", allowedFormats: ["jpg", "png"], maxBytes: 2_000_000, fields: { folder: `claims/${claimId}/shelf`, public_id: upload.body.mediaId } });
    const file = await photo(800, 600);
    const stored = await uploadDirect(upload.body, file);
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body).toMatchObject({ public_id: `claims/${claimId}/shelf/${upload.body.mediaId}`, format: "jpg", width: 800, height: 600 });

    // The notification reaches the media function through Hosting, and the file is the claim's.
    const listed = await eventually(async () => {
      const media = await participant.get(`/v1/claims/${claimId}/media`);
      return media.body.data?.length === 1 ? media.body.data : undefined;
    }, 60_000);
    expect(listed).toMatchObject([{ id: upload.body.mediaId, taskId: "shelf", format: "jpg", width: 800, height: 600, bytes: file.length }]);
    const shown = await fetch(listed[0].url);
    expect(shown.status).toBe(200);
    expect(createHash("sha256").update(Buffer.from(await shown.arrayBuffer())).digest("hex")).toBe(createHash("sha256").update(file).digest("hex"));
    // The URL is signed: changed, it shows nothing.
    expect((await fetch(listed[0].url.replace(/signature=[0-9a-f]+/, "signature=0000"))).status).toBe(401);

    const submitted = await participant.post(`/v1/claims/${claimId}/submissions`, { taskId: "shelf", media: [upload.body.mediaId] });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body).toMatchObject({ status: "needs_review", media: [upload.body.mediaId] });
    expect(submitted.body.verification.checks.map((check: { name: string; passed: boolean }) => [check.name, check.passed])).toEqual([
      ["media_count", true],
      ["media_format", true],
      ["media_size", true],
      ["media_dimensions", true],
      ["media_blank", true],
      ["media_blur", true],
      ["media_duplicate", true],
      ["media_capture_time", true],
      ["media_moderation", true],
    ]);

    // The organization's reviewers see the work in their queue, and its files.
    const queue = await asOwner.get(`/v1/submissions?orgId=${orgId}&opportunityId=${opportunity.id}`);
    expect(queue.body.data).toMatchObject([{ id: submitted.body.id, taskId: "shelf", status: "needs_review", media: [upload.body.mediaId] }]);
    expect((await asOwner.get(`/v1/claims/${claimId}/media`)).body.data).toMatchObject([{ id: upload.body.mediaId }]);
    expect((await apiClient((await signUpUser("stranger")).idToken).get(`/v1/claims/${claimId}/media`)).status).toBe(404);
  });

  it("rejects a picture smaller than the task asks, from the dimensions the store measured", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ tasks: [shelf], reviewPolicy: "auto" });
    const participant = apiClient((await signUpUser("small")).idToken);
    const claimId = (await participant.post("/v1/claims", { opportunityId: opportunity.id })).body.id as string;
    const upload = await participant.post(`/v1/claims/${claimId}/uploads`, { taskId: "shelf" });
    expect((await uploadDirect(upload.body, await photo(320, 240))).status).toBe(200);
    await eventually(async () => ((await participant.get(`/v1/claims/${claimId}/media`)).body.data?.length === 1 ? true : undefined), 60_000);
    const submitted = await participant.post(`/v1/claims/${claimId}/submissions`, { taskId: "shelf", media: [upload.body.mediaId] });
    expect(submitted.body).toMatchObject({ status: "rejected", review: { reasonCode: "failed_checks" } });
    expect(submitted.body.verification.checks).toContainEqual(expect.objectContaining({ name: "media_dimensions", passed: false }));
  });

  it("rejects a blurred photo, and a shrunk, recompressed copy of another participant's photo as a duplicate", { timeout: 180_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ tasks: [shelf], reviewPolicy: "auto", capacity: 10 });
    const original = await scene(3, 1600, 1200);
    const uploadAs = async (name: string, file: Buffer) => {
      const participant = apiClient((await signUpUser(name)).idToken);
      const claimId = (await participant.post("/v1/claims", { opportunityId: opportunity.id })).body.id as string;
      const upload = await participant.post(`/v1/claims/${claimId}/uploads`, { taskId: "shelf" });
      expect((await uploadDirect(upload.body, file)).status).toBe(200);
      await eventually(async () => ((await participant.get(`/v1/claims/${claimId}/media`)).body.data?.length === 1 ? true : undefined), 60_000);
      return (await participant.post(`/v1/claims/${claimId}/submissions`, { taskId: "shelf", media: [upload.body.mediaId] })).body;
    };
    const check = (submission: { verification: { checks: Array<{ name: string }> } }, name: string) => submission.verification.checks.find((one) => one.name === name);

    const first = await uploadAs("photographer", original);
    expect(first).toMatchObject({ status: "approved" });
    const copied = await uploadAs("copier", await sharp(original).resize(700).jpeg({ quality: 55 }).toBuffer());
    expect(copied).toMatchObject({ status: "rejected", review: { reasonCode: "failed_checks" } });
    expect(check(copied, "media_duplicate")).toMatchObject({ passed: false, score: expect.any(Number) });
    const blurred = await uploadAs("blurry", await sharp(await scene(5, 1000, 750)).blur(12).jpeg().toBuffer());
    expect(blurred).toMatchObject({ status: "rejected" });
    expect(check(blurred, "media_blur")).toMatchObject({ passed: false });
    expect(check(blurred, "media_duplicate")).toMatchObject({ passed: true });
  });

  it("keeps a photo's capture time and never its GPS position, and sends a photo taken before the claim to review", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ tasks: [shelf], reviewPolicy: "auto" });
    const participant = apiClient((await signUpUser("old-photo")).idToken);
    const claimId = (await participant.post("/v1/claims", { opportunityId: opportunity.id })).body.id as string;
    const upload = await participant.post(`/v1/claims/${claimId}/uploads`, { taskId: "shelf" });
    const taken = new Date(Date.now() - 2 * 24 * 60 * 60 * 1_000);
    const exifTime = taken.toISOString().slice(0, 19).replace("T", " ").replace(/-/g, ":");
    const file = await sharp(await scene(6, 1000, 750))
      .withExif({
        IFD0: { Make: "PhoneMaker", Model: "Phone 9" },
        IFD2: { DateTimeOriginal: exifTime, OffsetTimeOriginal: "+00:00" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 3/1" },
      })
      .jpeg()
      .toBuffer();
    expect((await uploadDirect(upload.body, file)).status).toBe(200);
    await eventually(async () => ((await participant.get(`/v1/claims/${claimId}/media`)).body.data?.length === 1 ? true : undefined), 60_000);

    // What we keep of the file holds its capture time and nothing else of its EXIF.
    const kept = await database.db.collection("media_assets").findOne({ _id: `claims/${claimId}/shelf/${upload.body.mediaId}` as never });
    expect(kept?.analysis?.capturedAt?.at).toEqual(new Date(Math.floor(taken.getTime() / 1_000) * 1_000));
    expect(JSON.stringify(kept)).not.toMatch(/GPS|48\/1|PhoneMaker|Phone 9/);

    const submitted = await participant.post(`/v1/claims/${claimId}/submissions`, { taskId: "shelf", media: [upload.body.mediaId] });
    expect(submitted.body).toMatchObject({ status: "needs_review" });
    expect(submitted.body.verification.checks).toContainEqual(expect.objectContaining({ name: "media_capture_time", passed: false, conclusive: false, reason: expect.stringContaining("before the claim") }));
  });

  it("refuses a forged notification and records a repeated one once", { timeout: 120_000 }, async () => {
    const { opportunity } = await publishedOpportunity({ tasks: [shelf] });
    const participant = apiClient((await signUpUser("repeat")).idToken);
    const claimId = (await participant.post("/v1/claims", { opportunityId: opportunity.id })).body.id as string;
    const upload = await participant.post(`/v1/claims/${claimId}/uploads`, { taskId: "shelf" });
    expect((await uploadDirect(upload.body, await photo(800, 600))).status).toBe(200);
    const publicId = `claims/${claimId}/shelf/${upload.body.mediaId}`;
    await eventually(async () => ((await database.db.collection("media_assets").countDocuments({ _id: publicId as never })) === 1 ? true : undefined), 60_000);

    const base = process.env.USERX_BASE_URL!;
    const body = JSON.stringify({ notification_type: "upload", public_id: publicId, version: 2, resource_type: "image", type: "authenticated", format: "jpg", width: 9000, height: 9000, bytes: 1 });
    const forged = await fetch(`${base}/v1/media/notifications`, { method: "POST", headers: { "content-type": "application/json", "x-cld-timestamp": String(Math.floor(Date.now() / 1000)), "x-cld-signature": "0".repeat(40) }, body });
    expect(forged.status).toBe(401);
    expect((await forged.json()) as object).toMatchObject({ code: "unauthenticated" });
    // The store sends its signed notification again, as one that lost our answer would: taken (200), recorded once.
    const resent = await fetch(`${process.env.MEDIA_SERVER_URL}/_control/notifications/resend?public_id=${encodeURIComponent(publicId)}`, { method: "POST" });
    expect(resent.status).toBe(200);
    const attempts = (await (await fetch(`${process.env.MEDIA_SERVER_URL}/_control/notifications`)).json()) as Array<{ publicId: string; status: number }>;
    expect(attempts.filter((attempt) => attempt.publicId === publicId).map((attempt) => attempt.status)).toEqual([200, 200]);
    const asset = await database.db.collection("media_assets").findOne({ _id: publicId as never });
    expect(asset).toMatchObject({ width: 800, height: 600 });
    expect(await database.db.collection("media_assets").countDocuments({ claimId })).toBe(1);
  });
});
