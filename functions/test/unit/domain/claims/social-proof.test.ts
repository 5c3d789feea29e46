import { describe, expect, it } from "vitest";
import { Task } from "../../../../src/contracts/opportunities.js";
import { socialChecks } from "../../../../src/domain/claims/social-proof.js";

type SocialTask = Extract<Task, { type: "social" }>;
const social = (task: Record<string, unknown>) => Task.parse({ id: "social", type: "social", title: "Social", platform: "x", action: "post", target: "@acme", ...task }) as SocialTask;
const outcome = (checks: ReturnType<typeof socialChecks>) => checks.map((c) => `${c.name}:${c.conclusive ? (c.passed ? "passed" : "failed") : "review"}`);

describe("the social task's declaration", () => {
  it("takes an https URL or an @handle as its target, and tags as what the text must include", () => {
    expect(Task.safeParse({ id: "s", type: "social", title: "S", platform: "x", action: "follow", target: "@acme" }).success).toBe(true);
    expect(Task.safeParse({ id: "s", type: "social", title: "S", platform: "x", action: "follow", target: "http://x.com/acme" }).success).toBe(false);
    expect(Task.safeParse({ id: "s", type: "social", title: "S", platform: "x", action: "follow", target: "acme" }).success).toBe(false);
    expect(social({ proof: { mustInclude: ["#brew", "@acme"] } }).proof).toEqual({ url: true, mustInclude: ["#brew", "@acme"] });
    expect(Task.safeParse({ id: "s", type: "social", title: "S", platform: "x", action: "post", target: "@acme", proof: { mustInclude: ["brew"] } }).success).toBe(false);
  });
});

describe("socialChecks", () => {
  it("passes a post on the platform whose text carries every tag, case aside", () => {
    const task = social({ proof: { url: true, mustInclude: ["#BrewDay", "@acme"] } });
    expect(outcome(socialChecks(task, { url: "https://twitter.com/ada/status/123", text: "Loving it #brewday with @Acme." }))).toEqual(["url_on_platform:passed", "text_includes_tags:passed"]);
  });

  it("fails a URL off the platform or not https, and text missing a tag (a longer tag is not the tag)", () => {
    const task = social({ proof: { url: true, mustInclude: ["#brew"] } });
    expect(outcome(socialChecks(task, { url: "https://x.com.evil.example/ada/status/1", text: "#brewing" }))).toEqual(["url_on_platform:failed", "text_includes_tags:failed"]);
    expect(outcome(socialChecks(task, { url: "http://x.com/ada/status/1", text: "#brew" }))).toEqual(["url_on_platform:failed", "text_includes_tags:passed"]);
    expect(outcome(socialChecks(task, { url: "not a url", text: "#brew" }))[0]).toBe("url_on_platform:failed");
  });

  it("checks a comment's URL names the target post, and leaves one that does not to a reviewer", () => {
    const task = social({ platform: "youtube", action: "comment", target: "https://www.youtube.com/watch?v=abc123" });
    expect(outcome(socialChecks(task, { url: "https://www.youtube.com/watch?v=abc123&lc=UgxKREW" }))).toEqual(["url_on_platform:passed", "url_matches_target:passed"]);
    expect(outcome(socialChecks(task, { url: "https://youtu.be/zzz999" }))).toEqual(["url_on_platform:passed", "url_matches_target:review"]);
  });

  it("sends what no URL can show (a follow, a like) to a reviewer", () => {
    expect(outcome(socialChecks(social({ action: "follow", proof: { url: false } }), {}))).toEqual(["action_done:review"]);
    expect(outcome(socialChecks(social({ action: "like", target: "https://x.com/acme/status/9" }), { url: "https://x.com/acme/status/9" }))).toEqual([
      "url_on_platform:passed",
      "action_done:review",
    ]);
  });

  it("refuses a proof without what the task asks for, naming each missing field", () => {
    const task = social({ proof: { url: true, mustInclude: ["#brew"] } });
    expect(() => socialChecks(task, {})).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        details: { errors: [{ location: "body.proof.url", message: "required by this task" }, { location: "body.proof.text", message: "required by this task" }] },
      }),
    );
  });
});
