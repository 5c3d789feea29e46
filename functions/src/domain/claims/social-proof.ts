import type { SocialProof, VerificationCheck as CheckSchema } from "../../contracts/claims.js";
import type { SocialPlatform, Task } from "../../contracts/opportunities.js";
import type { z } from "zod";
import { AppError } from "../app-error.js";

type SocialTask = Extract<Task, { type: "social" }>;
type VerificationCheck = z.infer<typeof CheckSchema>;

/** The hosts each platform serves posts, comments and profiles from (and its short-link hosts). */
export const platformHosts: Readonly<Record<SocialPlatform, readonly string[]>> = {
  x: ["x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"],
  instagram: ["instagram.com", "www.instagram.com"],
  tiktok: ["tiktok.com", "www.tiktok.com", "m.tiktok.com", "vm.tiktok.com"],
  youtube: ["youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"],
  linkedin: ["linkedin.com", "www.linkedin.com"],
  facebook: ["facebook.com", "www.facebook.com", "m.facebook.com", "fb.watch"],
};

// Actions whose URL is of something the participant made (a post, a comment, a share), which a
// URL can show; a follow or a like leaves nothing at a URL of the participant's own.
const leavesAUrl = new Set<SocialTask["action"]>(["post", "comment", "share"]);

/**
 * Checks a social task's proof: the URL is an https URL on the platform; for a comment or share
 * of a post, the URL names that post; the text contains every tag the task asks for. What cannot
 * be seen from outside the platform (a follow, a like, a share of an account) is marked
 * inconclusive, for a reviewer. A proof that lacks what the task asks for is refused outright.
 */
export function socialChecks(task: SocialTask, proof: SocialProof): VerificationCheck[] {
  const missing = [task.proof.url && !proof.url ? "url" : null, task.proof.mustInclude.length > 0 && !proof.text ? "text" : null].filter((f) => f !== null);
  if (missing.length > 0) {
    throw new AppError("validation_failed", `task ${task.id} needs ${missing.join(" and ")} as its proof`, {
      errors: missing.map((field) => ({ location: `body.proof.${field}`, message: "required by this task" })),
    });
  }
  const checks: VerificationCheck[] = [];
  if (task.proof.url && proof.url) checks.push(...urlChecks(task, proof.url));
  if (task.proof.mustInclude.length > 0 && proof.text !== undefined) checks.push(textCheck(task.proof.mustInclude, proof.text));
  if (!leavesAUrl.has(task.action) || !task.proof.url) {
    checks.push({ name: "action_done", passed: false, conclusive: false, reason: `a ${task.action} on ${task.platform} cannot be confirmed from outside it; a reviewer looks` });
  }
  return checks;
}

function urlChecks(task: SocialTask, raw: string): VerificationCheck[] {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  const onPlatform = url !== null && url.protocol === "https:" && platformHosts[task.platform].includes(url.hostname.toLowerCase());
  if (!onPlatform) {
    return [{ name: "url_on_platform", passed: false, conclusive: true, reason: `expected an https URL on ${platformHosts[task.platform].join(", ")}` }];
  }
  const checks: VerificationCheck[] = [{ name: "url_on_platform", passed: true, conclusive: true }];
  const targetPost = task.target.startsWith("@") || !leavesAUrl.has(task.action) || task.action === "post" ? null : contentIdOf(new URL(task.target));
  if (targetPost) {
    const names = contentIdOf(url) === targetPost || url.href.includes(targetPost);
    checks.push(
      names
        ? { name: "url_matches_target", passed: true, conclusive: true }
        : { name: "url_matches_target", passed: false, conclusive: false, reason: "the URL does not name the target post; a reviewer looks" },
    );
  }
  return checks;
}

/** The id of a post a URL points at: YouTube's `v` parameter, else the last segment of its path. */
function contentIdOf(url: URL): string | null {
  const fromQuery = url.searchParams.get("v");
  if (fromQuery) return fromQuery;
  const segments = url.pathname.split("/").filter(Boolean);
  return segments.at(-1) ?? null;
}

/** Every tag must appear as a whole word: `#brew` is not found in `#brewing`. Case does not matter, as on the platforms. */
function textCheck(tags: readonly string[], text: string): VerificationCheck {
  const words = new Set(text.toLowerCase().match(/[#@][\p{L}\p{N}_.]+/gu)?.map((word) => word.replace(/\.+$/, "")) ?? []);
  const absent = tags.filter((tag) => !words.has(tag.toLowerCase()));
  return absent.length === 0 ? { name: "text_includes_tags", passed: true, conclusive: true } : { name: "text_includes_tags", passed: false, conclusive: true, reason: `missing ${absent.join(", ")}` };
}
