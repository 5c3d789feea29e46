import { z } from "zod";
import { OrgId, PageQuery, RewardId, Timestamp, UserId, page, prefixedId } from "./common.js";
import { defineRoute } from "./route.js";

// Voucher pools: an organization's stock of codes, imported or generated, from which each voucher
// reward takes exactly one. Org-scoped paths, served by the rewards function (firebase.json).

export const VoucherPoolId = prefixedId("vpl");

/** A voucher code as issued: printable ASCII without spaces, as shops print and scan them. */
export const VoucherCode = z.string().regex(/^[\x21-\x7e]{4,64}$/, "4 to 64 printable characters, no spaces");

export const VoucherPoolIn = z.strictObject({
  orgId: OrgId,
  name: z.string().trim().min(1).max(100),
  /** Shown to the participant with their code: where and how to redeem it. */
  redemptionInstructions: z.string().max(2_000).default(""),
  /** `voucher_pool.low.v1` is sent when the codes left fall to this many. */
  lowStockThreshold: z.number().int().min(0).max(1_000_000).default(10),
});

export const VoucherPoolPatch = VoucherPoolIn.omit({ orgId: true }).partial();

export const VoucherPoolOut = z
  .object({
    id: VoucherPoolId,
    orgId: OrgId,
    name: z.string(),
    redemptionInstructions: z.string(),
    lowStockThreshold: z.number().int(),
    /** Codes added (imported or generated), given to rewards, and left to give. */
    stock: z.object({ added: z.number().int(), allocated: z.number().int(), available: z.number().int() }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "VoucherPool" });
export type VoucherPoolOut = z.infer<typeof VoucherPoolOut>;

const ImportedCode = z.strictObject({ code: VoucherCode, expiresAt: Timestamp.optional() });

/**
 * Codes to add: a list, or the text of a CSV file whose header names a `code` column (and
 * optionally `expiresAt`, ISO 8601). Up to 100,000 codes a request.
 */
export const VoucherImportIn = z
  .strictObject({
    codes: z.array(ImportedCode).min(1).max(100_000).optional(),
    csv: z.string().min(1).max(8 * 1024 * 1024).optional(),
  })
  .refine((input) => (input.codes === undefined) !== (input.csv === undefined), { message: "give either codes or csv", path: ["codes"] });
export type VoucherImportIn = z.infer<typeof VoucherImportIn>;

/**
 * Codes to generate: `pattern` places random characters of `charset` at `#` (digits) and `?`
 * (`charset`), everything else as written (`BREW-####-????`); or `length` random characters of
 * `charset`. `prefix` and `suffix` wrap either. Drawn from a cryptographic source; unique in the pool.
 */
export const VoucherGenerateIn = z
  .strictObject({
    count: z.number().int().min(1).max(100_000),
    pattern: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, "printable characters, no spaces").optional(),
    length: z.number().int().min(4).max(32).optional(),
    charset: z.string().min(2).max(100).regex(/^[\x21-\x7e]+$/, "printable characters, no spaces").default("ABCDEFGHJKLMNPQRSTUVWXYZ23456789"),
    prefix: z.string().max(16).regex(/^[\x21-\x7e]*$/).default(""),
    suffix: z.string().max(16).regex(/^[\x21-\x7e]*$/).default(""),
    expiresAt: Timestamp.optional(),
  })
  .refine((input) => (input.pattern === undefined) !== (input.length === undefined), { message: "give either a pattern or a length", path: ["pattern"] });
export type VoucherGenerateIn = z.infer<typeof VoucherGenerateIn>;

export const VoucherAdditionOut = z
  .object({
    poolId: VoucherPoolId,
    added: z.number().int(),
    /** Codes already in the pool, or repeated in the request: not added again. At most 100 are listed. */
    duplicates: z.object({ count: z.number().int(), examples: z.array(z.string()).max(100) }),
    /** Rows that were no code (CSV): their line numbers, at most 100 listed. */
    invalid: z.object({ count: z.number().int(), lines: z.array(z.number().int()).max(100) }),
    stock: VoucherPoolOut.shape.stock,
  })
  .meta({ id: "VoucherAddition" });
export type VoucherAdditionOut = z.infer<typeof VoucherAdditionOut>;

export const VoucherCodeStatus = z.enum(["available", "allocated"]);

/** A code as the console lists it: masked, with its allocation. */
export const MaskedVoucherCodeOut = z
  .object({
    maskedCode: z.string(),
    status: VoucherCodeStatus,
    expiresAt: Timestamp.nullable(),
    /** Who holds the code: a voucher reward, or a redemption of points (contracts/redemptions.ts). */
    rewardId: RewardId.nullable(),
    redemptionId: prefixedId("rdm").nullable(),
    allocatedAt: Timestamp.nullable(),
    addedAt: Timestamp,
  })
  .meta({ id: "MaskedVoucherCode" });
export type MaskedVoucherCodeOut = z.infer<typeof MaskedVoucherCodeOut>;

/** A participant's own voucher, revealed. */
export const VoucherOut = z
  .object({
    rewardId: RewardId,
    userId: UserId,
    code: z.string(),
    expiresAt: Timestamp.nullable(),
    redemptionInstructions: z.string(),
    allocatedAt: Timestamp,
  })
  .meta({ id: "Voucher" });
export type VoucherOut = z.infer<typeof VoucherOut>;

const ByOrg = z.strictObject({ orgId: OrgId });
const ByPool = z.strictObject({ orgId: OrgId, poolId: VoucherPoolId });
const pools = "/v1/organizations/{orgId}/voucher-pools";
const pool = `${pools}/{poolId}` as const;

export const voucherRoutes = {
  createVoucherPool: defineRoute({
    operationId: "createVoucherPool",
    audit: "voucher_pool.created",
    method: "POST",
    path: pools,
    summary: "Create a voucher pool, empty: add codes by importing or generating them",
    tag: "Vouchers",
    auth: { kind: "user_or_api_key", scope: "rewards:write" },
    params: ByOrg,
    body: VoucherPoolIn.omit({ orgId: true }),
    response: { status: 201, schema: VoucherPoolOut },
  }),
  listVoucherPools: defineRoute({
    operationId: "listVoucherPools",
    method: "GET",
    path: pools,
    summary: "List the organization's voucher pools with their stock, newest first",
    tag: "Vouchers",
    auth: { kind: "user_or_api_key", scope: "rewards:read" },
    params: ByOrg,
    query: PageQuery,
    response: { status: 200, schema: page(VoucherPoolOut) },
  }),
  getVoucherPool: defineRoute({
    operationId: "getVoucherPool",
    method: "GET",
    path: pool,
    summary: "Get a voucher pool and its stock",
    tag: "Vouchers",
    auth: { kind: "user_or_api_key", scope: "rewards:read" },
    params: ByPool,
    response: { status: 200, schema: VoucherPoolOut },
  }),
  updateVoucherPool: defineRoute({
    operationId: "updateVoucherPool",
    audit: "voucher_pool.updated",
    method: "PATCH",
    path: pool,
    summary: "Rename a voucher pool, or change its redemption instructions or low-stock threshold",
    tag: "Vouchers",
    auth: { kind: "user_or_api_key", scope: "rewards:write" },
    params: ByPool,
    body: VoucherPoolPatch,
    response: { status: 200, schema: VoucherPoolOut },
  }),
  importVoucherCodes: defineRoute({
    operationId: "importVoucherCodes",
    audit: "voucher_pool.codes_imported",
    rateClass: "expensive",
    method: "POST",
    path: `${pool}/codes`,
    summary:
      "Add codes to a pool, as a list or as CSV text (up to 100,000 a request). Codes already in the pool are reported as duplicates and not added; voucher rewards that failed for want of codes are issued again",
    tag: "Vouchers",
    auth: { kind: "user_or_api_key", scope: "rewards:write" },
    params: ByPool,
    body: VoucherImportIn,
    bodyLimitBytes: 8 * 1024 * 1024,
    response: { status: 200, schema: VoucherAdditionOut },
  }),
  generateVoucherCodes: defineRoute({
    operationId: "generateVoucherCodes",
    audit: "voucher_pool.codes_generated",
    rateClass: "expensive",
    method: "POST",
    path: `${pool}/codes/generate`,
    summary: "Generate codes from a pattern or a length with a cryptographic random source, unique in the pool",
    tag: "Vouchers",
    auth: { kind: "user_or_api_key", scope: "rewards:write" },
    params: ByPool,
    body: VoucherGenerateIn,
    response: { status: 200, schema: VoucherAdditionOut },
  }),
  listVoucherCodes: defineRoute({
    operationId: "listVoucherCodes",
    method: "GET",
    path: `${pool}/codes`,
    summary: "List a pool's codes, masked, with whether each was given and to which reward, in the order added",
    tag: "Vouchers",
    auth: { kind: "user_or_api_key", scope: "rewards:read" },
    params: ByPool,
    query: PageQuery.extend({ status: VoucherCodeStatus.optional() }),
    response: { status: 200, schema: page(MaskedVoucherCodeOut) },
  }),
  getRewardVoucher: defineRoute({
    operationId: "getRewardVoucher",
    method: "GET",
    path: "/v1/rewards/{rewardId}/voucher",
    summary: "Reveal the code of one of the caller's issued voucher rewards, with how to redeem it",
    tag: "Rewards",
    auth: { kind: "user" },
    params: z.strictObject({ rewardId: RewardId }),
    response: { status: 200, schema: VoucherOut },
  }),
} as const;
