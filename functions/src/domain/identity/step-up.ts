import { AppError } from "../app-error.js";
import type { Principal } from "./principal.js";

/**
 * How recent a second factor must be for a sensitive operation: 10 minutes, as GitHub's sudo mode
 * and most consoles ask again after a short while, so a token left in a browser for an hour does
 * not mint API keys or move money.
 */
export const stepUpWindowMs = 10 * 60_000;

/** `amr` values (RFC 8176) that name a second factor. */
export const secondFactorAmrValues: readonly string[] = ["mfa", "otp", "hwk", "swk", "sms", "tel", "fpt", "face", "iris", "retina", "vbm", "sc"];

/**
 * Refuses a person whose sign-in has no second factor within the window (`mfa_required`, saying
 * what to do). API keys pass: they are machine credentials, and creating or rotating one already
 * took a step-up; a route that no key may call never sees one.
 */
export function assertSteppedUp(principal: Principal, now: Date): void {
  if (principal.kind !== "user") return;
  const at = principal.secondFactorAt;
  if (at === undefined) {
    throw new AppError("mfa_required", "this operation needs a sign-in with a second factor: enroll one (a phone, or your organization's sign-in with MFA), sign in again with it, and retry", {
      reason: "no_second_factor",
      maxAgeSeconds: stepUpWindowMs / 1000,
    });
  }
  if (now.getTime() - at.getTime() > stepUpWindowMs) {
    throw new AppError("mfa_required", `your second factor was used more than ${stepUpWindowMs / 60_000} minutes ago: sign in again with it, and retry`, {
      reason: "second_factor_too_old",
      maxAgeSeconds: stepUpWindowMs / 1000,
    });
  }
}
