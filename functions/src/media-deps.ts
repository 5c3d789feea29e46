import { cloudinaryMediaStore } from "./adapters/cloudinary/cloudinary-media-store.js";
import { sharpImageAnalyzer } from "./adapters/sharp/sharp-image-analyzer.js";
import { readMediaConfig } from "./config.js";
import { getDeps, type Deps } from "./deps.js";
import type { ImageAnalyzer } from "./ports/image-analyzer.js";
import type { MediaNotificationTarget, MediaStore } from "./ports/media-store.js";

// The instance's dependencies plus the media store, for the one function bound to Cloudinary's
// secret (media); no other function reads it.

export type MediaDeps = Deps & { mediaStore: MediaStore; images: ImageAnalyzer; media: MediaNotificationTarget };

let deps: MediaDeps | undefined;

export function getMediaDeps(): MediaDeps {
  if (!deps) {
    const config = readMediaConfig();
    deps = { ...getDeps(), mediaStore: cloudinaryMediaStore(config), images: sharpImageAnalyzer, media: { notificationUrl: config.notificationUrl } };
  }
  return deps;
}
