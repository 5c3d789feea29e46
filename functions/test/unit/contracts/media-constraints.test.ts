import { describe, expect, it } from "vitest";
import { allowedFormats, MediaConstraints, Task } from "../../../src/contracts/opportunities.js";

const upload = (media: object) => Task.safeParse({ id: "shelf", type: "upload", title: "Photo of the shelf", media });

describe("upload task constraints", () => {
  it("takes kinds, formats, size, dimensions, duration and count, defaulting one file and the image thresholds", () => {
    const parsed = MediaConstraints.parse({ kinds: ["image"], maxBytes: 5_000_000, minWidth: 800, minHeight: 600 });
    expect(parsed).toEqual({ kinds: ["image"], maxBytes: 5_000_000, minWidth: 800, minHeight: 600, minCount: 1, maxCount: 1, thresholds: { minSharpness: 60, minContrast: 8, duplicateDistance: 3, captureWindow: "review" } });
    expect(upload({ kinds: ["image", "video"], formats: ["jpg", "mp4"], maxBytes: 50_000_000, maxDurationSeconds: 30, minCount: 2, maxCount: 5 }).success).toBe(true);
  });

  it("reads upload tasks stored before the constraints grew: kinds and size only", () => {
    const parsed = upload({ kinds: ["image"], maxBytes: 1_000_000 });
    expect(parsed.success && parsed.data.type === "upload" && parsed.data.media.maxCount).toBe(1);
  });

  it.each([
    ["a format of another kind", { kinds: ["image"], formats: ["mp4"], maxBytes: 1_000 }, ["media", "formats", 0]],
    ["a format no kind has", { kinds: ["image"], formats: ["gif"], maxBytes: 1_000 }, ["media", "formats", 0]],
    ["more files required than allowed", { kinds: ["image"], maxBytes: 1_000, minCount: 3, maxCount: 2 }, ["media", "minCount"]],
    ["a duration without the video kind", { kinds: ["image"], maxBytes: 1_000, maxDurationSeconds: 10 }, ["media", "maxDurationSeconds"]],
    ["a kind named twice", { kinds: ["image", "image"], maxBytes: 1_000 }, ["media", "kinds"]],
    ["no kind", { kinds: [], maxBytes: 1_000 }, ["media", "kinds"]],
    ["a size of zero", { kinds: ["image"], maxBytes: 0 }, ["media", "maxBytes"]],
    ["a duplicate distance the index cannot search", { kinds: ["image"], maxBytes: 1_000, thresholds: { duplicateDistance: 4 } }, ["media", "thresholds", "duplicateDistance"]],
    ["an unknown field", { kinds: ["image"], maxBytes: 1_000, colour: "red" }, ["media"]],
  ])("refuses %s, naming the field", (_what, media, path) => {
    const parsed = upload(media);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });

  it("allows every format of the kinds asked for when none is named", () => {
    expect(allowedFormats({ kinds: ["image"] })).toEqual(["jpg", "png", "webp", "heic"]);
    expect(allowedFormats({ kinds: ["image", "video"], formats: ["png"] })).toEqual(["png"]);
  });
});
