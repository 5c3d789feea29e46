import { v2 as cloudinary } from "cloudinary";
import { AppError } from "../../domain/app-error.js";
import type { MediaStore } from "../../ports/media-store.js";

export interface CloudinaryConfig {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  /** Cloudinary's API origin (`https://api.cloudinary.com`), or the local media server's: uploads and expiring downloads go there. */
  apiUrl: string;
  /** The moderation add-on pictures are uploaded with (`aws_rek`), signed into the upload; empty or left out: none. */
  imageModeration?: string;
}

// Cloudinary refuses notifications' replays after this long; so do we.
const notificationValidForSeconds = 2 * 60 * 60;

/**
 * The media store on Cloudinary, through the `cloudinary` package: its request signing for direct
 * uploads, its notification check, and its private download URLs, which expire. The package keeps
 * one configuration per process, set here once per instance; it signs with SHA-1, the account's
 * default, which its notification check assumes too.
 */
export function cloudinaryMediaStore(config: CloudinaryConfig): MediaStore {
  cloudinary.config({ cloud_name: config.cloudName, api_key: config.apiKey, api_secret: config.apiSecret, upload_prefix: config.apiUrl });
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const deliveryUrl: MediaStore["deliveryUrl"] = (file, expiresAt) =>
    cloudinary.utils.private_download_url(file.publicId, file.format, { resource_type: file.kind, type: file.deliveryType, expires_at: seconds(expiresAt) });
  return {
    signUpload(scope, now) {
      const params = {
        timestamp: seconds(now),
        folder: scope.folder,
        public_id: scope.publicId,
        type: scope.deliveryType,
        allowed_formats: scope.allowedFormats.join(","),
        notification_url: scope.notificationUrl,
        ...(scope.kind === "image" && config.imageModeration ? { moderation: config.imageModeration } : {}),
      };
      const signature = cloudinary.utils.api_sign_request(params, config.apiSecret);
      const fields = Object.fromEntries(Object.entries({ ...params, signature, api_key: config.apiKey }).map(([key, value]) => [key, String(value)]));
      return { url: cloudinary.utils.api_url("upload", { resource_type: scope.kind, cloud_name: config.cloudName, upload_prefix: config.apiUrl }), fields };
    },
    verifyNotification(rawBody, timestamp, signature) {
      return cloudinary.utils.verifyNotificationSignature(rawBody, timestamp, signature, notificationValidForSeconds);
    },
    deliveryUrl,
    async download(file) {
      const response = await fetch(deliveryUrl(file, new Date(Date.now() + 60_000)), { signal: AbortSignal.timeout(30_000) }).catch((error: unknown) => {
        throw new AppError("unavailable", "the media store cannot be reached", undefined, { cause: error });
      });
      if (!response.ok) throw new AppError("unavailable", `the media store answered ${response.status} for a stored file`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
