import { z } from "zod";
import { ClaimOut, ClaimStatus } from "./claims.js";
import { OpportunityId, OrgId, PageQuery, Timestamp, page } from "./common.js";
import { CountryCode, DemographicQuestionId, DemographicValue, LanguageCode } from "./me.js";
import { Currency, MinorUnits } from "./money.js";
import { VoucherPoolId } from "./vouchers.js";
import { RewardType } from "./rewards.js";
import { defineRoute } from "./route.js";

const QuestionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lowercase letters, digits and _");
const TaskId = QuestionId;
const Choice = z.strictObject({ value: z.string().min(1).max(64), label: z.string().min(1).max(200) });

export const Question = z.discriminatedUnion("type", [
  z.strictObject({ id: QuestionId, type: z.literal("text"), prompt: z.string().min(1).max(500), required: z.boolean().default(true), maxLength: z.number().int().min(1).max(10_000).default(2_000) }),
  z.strictObject({ id: QuestionId, type: z.literal("number"), prompt: z.string().min(1).max(500), required: z.boolean().default(true), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false) }),
  z.strictObject({ id: QuestionId, type: z.literal("single_choice"), prompt: z.string().min(1).max(500), required: z.boolean().default(true), choices: z.array(Choice).min(2).max(50) }),
  z.strictObject({ id: QuestionId, type: z.literal("multiple_choice"), prompt: z.string().min(1).max(500), required: z.boolean().default(true), choices: z.array(Choice).min(2).max(50), maxSelected: z.number().int().min(1).optional() }),
  z.strictObject({ id: QuestionId, type: z.literal("rating"), prompt: z.string().min(1).max(500), required: z.boolean().default(true), scale: z.number().int().min(2).max(10).default(5) }),
]);
export type Question = z.infer<typeof Question>;

export const SocialPlatform = z.enum(["x", "instagram", "tiktok", "youtube", "linkedin", "facebook"]);
export type SocialPlatform = z.infer<typeof SocialPlatform>;
export const SocialAction = z.enum(["follow", "like", "share", "post", "comment"]);
/** A `#hashtag` or an `@mention` the participant's text must contain. */
export const Tag = z.string().regex(/^[#@][\p{L}\p{N}_.]{1,100}$/u, "a #hashtag or an @mention");

/**
 * What a participant gives to show a social action was done: the URL of their post, comment or
 * share on the platform (checked against the platform's hosts, and against the target where the
 * URL can show it), and/or the text they posted (checked for every tag in `mustInclude`). What no
 * check can confirm (a follow, a like) waits for a reviewer.
 */
export const SocialProofSpec = z.strictObject({
  url: z.boolean().default(true),
  mustInclude: z.array(Tag).max(10).default([]),
});

export const MediaKind = z.enum(["image", "video"]);
export type MediaKind = z.infer<typeof MediaKind>;
/** The file formats an upload task may take, by kind: Cloudinary's `format` names. */
export const mediaFormats = { image: ["jpg", "png", "webp", "heic"], video: ["mp4", "mov", "webm"] } as const satisfies Record<MediaKind, readonly string[]>;
export const MediaFormat = z.enum([...mediaFormats.image, ...mediaFormats.video]);
export type MediaFormat = z.infer<typeof MediaFormat>;

/**
 * When automatic checks pass an image (domain/media/image-checks.ts): `minSharpness` is the least
 * variance of the Laplacian of its grey levels (lower is blurred), `minContrast` the least standard
 * deviation of its pixels (lower is blank or near-uniform), `duplicateDistance` the most bits two
 * 64-bit perceptual hashes may differ by to be the same picture (0 to 3: the index finds no more).
 */
export const ImageThresholds = z.strictObject({
  minSharpness: z.number().min(0).max(10_000).default(60),
  minContrast: z.number().min(0).max(128).default(8),
  duplicateDistance: z.number().int().min(0).max(3).default(3),
  /** What a picture taken outside the claim's window (its EXIF capture time) does: `review` (a reviewer decides), `reject`, or `off` (not checked). */
  captureWindow: z.enum(["off", "review", "reject"]).default("review"),
});
export type ImageThresholds = z.infer<typeof ImageThresholds>;
export type CaptureWindowPolicy = ImageThresholds["captureWindow"];

/**
 * What an upload task takes: the kinds and formats of media, each file's size, an image's least
 * width and height, a video's longest duration, and how many files (`minCount` to `maxCount`).
 * `formats` left out: every format of the kinds asked for.
 */
export const MediaConstraints = z
  .strictObject({
    kinds: z.array(MediaKind).min(1).max(2),
    formats: z.array(MediaFormat).min(1).max(7).optional(),
    maxBytes: z.number().int().positive().max(500_000_000),
    minWidth: z.number().int().min(1).max(20_000).optional(),
    minHeight: z.number().int().min(1).max(20_000).optional(),
    maxDurationSeconds: z.number().int().positive().max(3_600).optional(),
    minCount: z.number().int().min(1).max(20).default(1),
    maxCount: z.number().int().min(1).max(20).default(1),
    thresholds: ImageThresholds.default({ minSharpness: 60, minContrast: 8, duplicateDistance: 3, captureWindow: "review" }),
  })
  .superRefine((media, context) => {
    if (new Set(media.kinds).size !== media.kinds.length) context.addIssue({ code: "custom", path: ["kinds"], message: "name each kind once" });
    if (media.minCount > media.maxCount) context.addIssue({ code: "custom", path: ["minCount"], message: "minCount must not exceed maxCount" });
    for (const [index, format] of (media.formats ?? []).entries()) {
      if (!media.kinds.some((kind) => (mediaFormats[kind] as readonly string[]).includes(format))) {
        context.addIssue({ code: "custom", path: ["formats", index], message: `${format} is not a format of ${media.kinds.join(" or ")}` });
      }
    }
    if (media.maxDurationSeconds !== undefined && !media.kinds.includes("video")) {
      context.addIssue({ code: "custom", path: ["maxDurationSeconds"], message: "a duration limit needs the video kind" });
    }
  });
export type MediaConstraints = z.infer<typeof MediaConstraints>;

/** The formats an upload task takes: its own list, or every format of its kinds. */
export const allowedFormats = (media: Pick<MediaConstraints, "kinds" | "formats">): MediaFormat[] => media.formats ?? media.kinds.flatMap((kind) => [...mediaFormats[kind]]);

// Shared by every task: its place in the order is its place in the list, and a claim completes
// when every required task is approved.
const taskBase = { id: TaskId, title: z.string().min(1).max(200), required: z.boolean().default(true) };

export const Task = z.discriminatedUnion("type", [
  z.strictObject({ ...taskBase, type: z.literal("survey"), questions: z.array(Question).min(1).max(100) }),
  z.strictObject({ ...taskBase, type: z.literal("upload"), media: MediaConstraints }),
  z.strictObject({
    ...taskBase,
    type: z.literal("social"),
    platform: SocialPlatform,
    action: SocialAction,
    /** The account (`@handle` or profile URL) or the post (its URL) the action is about. */
    target: z.union([z.url({ protocol: /^https$/ }), z.string().regex(/^@[\p{L}\p{N}_.]{1,100}$/u, "an https URL or an @handle")]),
    proof: SocialProofSpec.default({ url: true, mustInclude: [] }),
  }),
]);
export type Task = z.infer<typeof Task>;

/**
 * What a completed claim earns: `value` is a count of points, or of minor units of `currency`
 * (contracts/money.ts). A voucher is a code from the organization's pool `poolId`, worth `value`.
 */
export const Reward = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("points"), value: z.number().int().positive().max(1_000_000) }),
  z.strictObject({ type: z.literal("voucher"), value: MinorUnits, currency: Currency, poolId: VoucherPoolId }),
  z.strictObject({ type: z.literal("cash"), value: MinorUnits, currency: Currency }),
]);
export type Reward = z.infer<typeof Reward>;

/**
 * Who may claim, checked against the participant's profile (domain/opportunities/eligibility.ts).
 * Each field sets one condition; a field left out, or an empty list, sets none. `demographics`: for
 * a question id, the answers that qualify.
 */
export const Targeting = z.strictObject({
  countries: z.array(CountryCode).max(250).optional(),
  ageRange: z.strictObject({ min: z.number().int().min(13).max(120), max: z.number().int().min(13).max(120) }).optional(),
  languages: z.array(LanguageCode).max(50).optional(),
  demographics: z
    .record(DemographicQuestionId, z.array(DemographicValue).min(1).max(50))
    .refine((conditions) => Object.keys(conditions).length <= 20, "at most 20 demographic conditions")
    .optional(),
});
export type Targeting = z.infer<typeof Targeting>;

/** Why a participant may not claim: one stable code per unmet condition (README, "Targeting and eligibility"). */
export const UnmetConditionCode = z.enum(["profile_incomplete", "country_not_targeted", "age_out_of_range", "language_not_targeted", "demographic_mismatch"]);
export type UnmetConditionCode = z.infer<typeof UnmetConditionCode>;
export const UnmetCondition = z
  .object({
    code: UnmetConditionCode,
    /** The profile field the condition is about: `country`, `birthDate`, `languages` or `demographics.<questionId>`. */
    field: z.string(),
    message: z.string(),
  })
  .meta({ id: "UnmetCondition" });
export type UnmetCondition = z.infer<typeof UnmetCondition>;
export const Eligibility = z.object({ eligible: z.boolean(), unmet: z.array(UnmetCondition) }).meta({ id: "Eligibility" });
export type Eligibility = z.infer<typeof Eligibility>;

/**
 * The life of an opportunity (domain/opportunities/lifecycle.ts holds the one table of moves):
 * `draft → active ⇄ paused → completed → archived`, and a draft may be deleted. A deleted draft is
 * shown once, in the answer to its DELETE, and is not found afterwards.
 */
export const OpportunityStatus = z.enum(["draft", "active", "paused", "completed", "archived", "deleted"]);
export type OpportunityStatus = z.infer<typeof OpportunityStatus>;
/** The statuses a list may filter on: a deleted draft is never listed. */
export const ListedOpportunityStatus = OpportunityStatus.exclude(["deleted"]);
/** Why an opportunity completed: by a member's hand, at its `expiresAt`, or once every place was taken and every claim ended. */
export const CompletionReason = z.enum(["manual", "expired", "capacity_reached"]);
export type CompletionReason = z.infer<typeof CompletionReason>;
export const ReviewPolicy = z.enum(["auto", "manual", "auto_then_manual"]);
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;

// The fields a member writes, declared once: a new draft takes them with defaults, a patch
// without (a field left out of a patch stays as it is).
const editableFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000),
  tasks: z.array(Task).min(1).max(20),
  reward: Reward,
  targeting: Targeting,
  capacity: z.number().int().min(1).max(1_000_000),
  timeAllowedMinutes: z.number().int().min(1).max(60 * 24 * 90),
  reviewPolicy: ReviewPolicy,
  /** Submissions a participant may make of one task in a claim: a rejected task may be submitted again until this many were made. */
  maxAttempts: z.number().int().min(1).max(10),
  /** Days after which a submission still awaiting review is approved by itself; null: it waits for a reviewer. At most 30, as far as Cloud Tasks schedules. */
  autoApproveAfterDays: z.number().int().min(1).max(30).nullable(),
  /** Claims one participant may make of it, one at a time: 1 for a one-off, more for work done again (a weekly check-in). */
  maxClaimsPerUser: z.number().int().min(1).max(1_000),
  /** Minutes a participant waits after a claim ends before claiming again; at most a year. */
  claimCooldownMinutes: z.number().int().min(0).max(60 * 24 * 366),
  /**
   * The most its rewards may cost, in the reward's unit (points, or minor units of its currency);
   * null: no limit but its capacity.
   * Each claim commits its reward's worth while it holds a place, so no more claims are taken than it pays for.
   */
  budget: z.number().int().min(1).max(1_000_000_000_000).nullable(),
  expiresAt: Timestamp,
};

export const OpportunityIn = z
  .strictObject({
    orgId: OrgId,
    ...editableFields,
    description: editableFields.description.default(""),
    targeting: editableFields.targeting.default({}),
    timeAllowedMinutes: editableFields.timeAllowedMinutes.default(60 * 24),
    reviewPolicy: editableFields.reviewPolicy.default("auto"),
    maxAttempts: editableFields.maxAttempts.default(3),
    autoApproveAfterDays: editableFields.autoApproveAfterDays.default(null),
    maxClaimsPerUser: editableFields.maxClaimsPerUser.default(1),
    claimCooldownMinutes: editableFields.claimCooldownMinutes.default(0),
    budget: editableFields.budget.default(null),
    expiresAt: editableFields.expiresAt.optional(),
  })
  .meta({ id: "OpportunityIn" });
export type OpportunityIn = z.infer<typeof OpportunityIn>;

/**
 * A change to an opportunity: only the fields sent change. A draft takes any field of
 * `OpportunityIn` but `orgId`; an active or paused opportunity only `description`, a later
 * `expiresAt` and a larger `capacity` (domain/opportunities/opportunity-patch.ts).
 */
export const OpportunityPatch = z
  .strictObject(editableFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "name at least one field to change")
  .meta({ id: "OpportunityPatch" });
export type OpportunityPatch = z.infer<typeof OpportunityPatch>;
export const opportunityPatchFields = Object.keys(editableFields) as (keyof OpportunityPatch)[];

export const OpportunityOut = z
  .object({
    id: OpportunityId,
    orgId: OrgId,
    title: z.string(),
    description: z.string(),
    status: OpportunityStatus,
    tasks: z.array(Task),
    reward: Reward,
    targeting: Targeting,
    capacity: z.number().int(),
    claimsCount: z.number().int(),
    timeAllowedMinutes: z.number().int(),
    reviewPolicy: ReviewPolicy,
    maxAttempts: z.number().int(),
    autoApproveAfterDays: z.number().int().nullable(),
    maxClaimsPerUser: z.number().int(),
    claimCooldownMinutes: z.number().int(),
    budget: z.number().int().nullable(),
    expiresAt: Timestamp.nullable(),
    publishedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    completionReason: CompletionReason.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Opportunity" });
export type OpportunityOut = z.infer<typeof OpportunityOut>;

/** An opportunity as a reader sees it: to a signed-in participant (not anonymous), with whether they may claim it and why not. */
export const OpportunityViewOut = OpportunityOut.extend({ eligibility: Eligibility.optional() }).meta({ id: "OpportunityView" });
export type OpportunityViewOut = z.infer<typeof OpportunityViewOut>;

const ByOpportunity = z.strictObject({ opportunityId: OpportunityId });

/**
 * Where an opportunity's budget stands, in its reward's unit: `committed` is what the claims
 * holding places would cost (reserved while a claim runs, released when it ends without
 * completing), `spent` what issued rewards cost, `remaining` what new claims may still commit.
 */
export const BudgetOut = z
  .object({
    opportunityId: OpportunityId,
    /** `points`, or the reward's ISO 4217 currency: every amount here is in its minor units. */
    unit: z.union([z.literal("points"), Currency]),
    limit: z.number().int().nullable(),
    costPerClaim: z.number().int(),
    committed: z.number().int(),
    spent: z.number().int(),
    remaining: z.number().int().nullable(),
  })
  .meta({ id: "Budget" });
export type BudgetOut = z.infer<typeof BudgetOut>;

export const ListOpportunitiesQuery = PageQuery.extend({
  orgId: OrgId.optional(),
  status: ListedOpportunityStatus.optional(),
  rewardType: RewardType.optional(),
  sort: z.enum(["createdAt", "-createdAt"]).default("-createdAt"),
  /** For a signed-in participant without `orgId`: `eligible` (the default) lists only what they may claim, `all` everything active. */
  eligibility: z.enum(["eligible", "all"]).default("eligible"),
});

export const ListOpportunityClaimsQuery = PageQuery.extend({
  status: ClaimStatus.optional(),
  sort: z.enum(["createdAt", "-createdAt"]).default("-createdAt"),
});

/** `POST /v1/opportunities/{opportunityId}/<transition>`: one move of the lifecycle, 409 invalid_state from any status it does not start from. */
const pastTense = { pause: "paused", resume: "resumed", complete: "completed", archive: "archived" } as const;

const lifecycleRoute = <Transition extends "pause" | "resume" | "complete" | "archive">(transition: Transition, summary: string) =>
  defineRoute({
    operationId: `${transition}Opportunity` as const,
    audit: `opportunity.${pastTense[transition]}` as const,
    method: "POST",
    path: `/v1/opportunities/{opportunityId}/${transition}` as const,
    summary,
    tag: "Opportunities",
    auth: { kind: "user_or_api_key", scope: "opportunities:write" },
    params: ByOpportunity,
    response: { status: 200, schema: OpportunityOut },
  });

export const opportunityRoutes = {
  createOpportunity: defineRoute({
    operationId: "createOpportunity",
    audit: "opportunity.created",
    method: "POST",
    path: "/v1/opportunities",
    summary: "Create a draft opportunity for an organization",
    tag: "Opportunities",
    auth: { kind: "user_or_api_key", scope: "opportunities:write" },
    body: OpportunityIn,
    response: { status: 201, schema: OpportunityOut },
  }),
  publishOpportunity: defineRoute({
    operationId: "publishOpportunity",
    audit: "opportunity.published",
    method: "POST",
    path: "/v1/opportunities/{opportunityId}/publish",
    summary: "Publish a draft opportunity so participants can claim it",
    tag: "Opportunities",
    auth: { kind: "user_or_api_key", scope: "opportunities:write" },
    params: ByOpportunity,
    response: { status: 200, schema: OpportunityOut },
  }),
  updateOpportunity: defineRoute({
    operationId: "updateOpportunity",
    audit: "opportunity.updated",
    method: "PATCH",
    path: "/v1/opportunities/{opportunityId}",
    summary:
      "Change some fields of an opportunity; only the fields sent change. A draft takes any field but orgId; an active or paused one only description, a later expiresAt and a larger capacity; any other status none. A field that may not change so in the current status answers 409 invalid_state naming it in `fields`",
    tag: "Opportunities",
    auth: { kind: "user_or_api_key", scope: "opportunities:write" },
    params: ByOpportunity,
    body: OpportunityPatch,
    response: { status: 200, schema: OpportunityOut },
  }),
  pauseOpportunity: lifecycleRoute("pause", "Pause an active opportunity: it takes no new claims; claims held go on"),
  resumeOpportunity: lifecycleRoute("resume", "Resume a paused opportunity that has not expired, opening it for claims again"),
  completeOpportunity: lifecycleRoute("complete", "Complete an active or paused opportunity by hand: it takes no new claims, for good"),
  archiveOpportunity: lifecycleRoute("archive", "Archive a completed opportunity"),
  deleteOpportunity: defineRoute({
    operationId: "deleteOpportunity",
    audit: "opportunity.deleted",
    method: "DELETE",
    path: "/v1/opportunities/{opportunityId}",
    summary: "Delete a draft; answers with the draft as deleted, which is not found afterwards. Any other status answers 409 invalid_state",
    tag: "Opportunities",
    auth: { kind: "user_or_api_key", scope: "opportunities:write" },
    params: ByOpportunity,
    response: { status: 200, schema: OpportunityOut },
  }),
  getOpportunity: defineRoute({
    operationId: "getOpportunity",
    method: "GET",
    path: "/v1/opportunities/{opportunityId}",
    summary:
      "Get an opportunity: active ones for anyone signed in, any status for its organization. To a signed-in participant (not anonymous), `eligibility` says whether they may claim it and lists the unmet conditions of its targeting",
    tag: "Opportunities",
    auth: { kind: "user_or_api_key", scope: "opportunities:read", anonymous: true },
    params: ByOpportunity,
    response: { status: 200, schema: OpportunityViewOut },
  }),
  listOpportunities: defineRoute({
    operationId: "listOpportunities",
    method: "GET",
    path: "/v1/opportunities",
    summary:
      "List active opportunities, or every opportunity of an organization with `orgId`. Without `orgId`, a signed-in participant (not anonymous) sees only the opportunities whose targeting they meet, each with its `eligibility`; `eligibility=all` lists every active one. A page may hold fewer than `limit` items while `nextCursor` is set",
    tag: "Opportunities",
    auth: { kind: "user_or_api_key", scope: "opportunities:read", anonymous: true },
    query: ListOpportunitiesQuery,
    response: { status: 200, schema: page(OpportunityViewOut) },
  }),
  getOpportunityBudget: defineRoute({
    operationId: "getOpportunityBudget",
    method: "GET",
    path: "/v1/opportunities/{opportunityId}/budget",
    summary:
      "Where one of the organization's opportunities stands against its budget: its limit, what running and completed claims commit, what issued rewards spent, and what is left (members with opportunities:read, or a key with that scope)",
    tag: "Opportunities",
    auth: { kind: "user_or_api_key", scope: "opportunities:read" },
    params: ByOpportunity,
    response: { status: 200, schema: BudgetOut },
  }),
  listOpportunityClaims: defineRoute({
    operationId: "listOpportunityClaims",
    method: "GET",
    path: "/v1/opportunities/{opportunityId}/claims",
    summary: "List the claims of one of the organization's opportunities, newest first (members with claims:read, or a key with that scope)",
    tag: "Opportunities",
    auth: { kind: "user_or_api_key", scope: "claims:read" },
    params: ByOpportunity,
    query: ListOpportunityClaimsQuery,
    response: { status: 200, schema: page(ClaimOut) },
  }),
} as const;
