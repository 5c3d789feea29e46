/** What an upload is signed for: where it goes, under which public id, and what it may be. */
/** How the store delivers a file: `authenticated` and `private` ones only through signed URLs. */
export type DeliveryType = "upload" | "authenticated" | "private";

export interface UploadScope {
  kind: "image" | "video";
  folder: string;
  publicId: string;
  deliveryType: DeliveryType;
  allowedFormats: readonly string[];
  notificationUrl: string;
}

/** The media store (Cloudinary): signs direct uploads, checks its notifications, and signs URLs that show a file for a while. */
export interface MediaStore {
  /** The URL to POST the file to and the signed fields to send with it, valid from `now` for an hour. */
  signUpload(scope: UploadScope, now: Date): { url: string; fields: Record<string, string> };
  /** Whether a notification's body was signed by the store at `timestamp` (seconds), and is not older than it accepts. */
  verifyNotification(rawBody: string, timestamp: number, signature: string): boolean;
  /** The file's bytes, read from the store; a failure to reach it is `unavailable` (retried). */
  download(file: { kind: "image" | "video"; publicId: string; format: string; deliveryType: DeliveryType }): Promise<Uint8Array>;
  /** A URL that shows the file until `expiresAt`. */
  deliveryUrl(file: { kind: "image" | "video"; publicId: string; format: string; deliveryType: DeliveryType }, expiresAt: Date): string;
}

/** Where the media store sends upload notifications. */
export interface MediaNotificationTarget {
  notificationUrl: string;
}
