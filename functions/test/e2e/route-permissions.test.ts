import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "../../src/contracts/api.js";
import { orgRoles, type ApiScope, type OrgRole, type RouteSpec } from "../../src/contracts/route.js";
import { permissionsByRole, type Permission } from "../../src/domain/organizations/permissions.js";
import { revokeTokens, signInAnonymously, signInWithSecondFactor, signUpOperator, signUpWithPassword, signUpWithSecondFactor } from "./support/accounts.js";
import { apiClient, type ApiResponse } from "./support/api-client.js";
import { unsubscribeTokenFor } from "./support/email-links.js";
import { eventually } from "../integration/support/local-platform.js";
import { platformDatabase } from "./support/mongo.js";
import { surveyOpportunity, validAnswers } from "./support/scenario.js";

// Walks the whole route table: every route × every kind of caller, through Hosting, against the
// status the permission table (domain/organizations/permissions.ts) says each caller must get.
// A route added to the table without its entry below fails the first test.

/** Who may call a route, in the terms of the permission table. */
type Access =
  /** Any signed-in account (not anonymous, not a key): acting for oneself. */
  | { kind: "signed_in" }
  /** Any signed-in account, and any key carrying the route's scope: the same answer for every caller (the webhook event catalog). */
  | { kind: "anyone_with_scope" }
  /** Members of the organization whose role grants `permission`, and its keys carrying it as a scope when the route takes keys. */
  | { kind: "member"; permission: Permission }
  /** Only the participant who holds the claim. */
  | { kind: "claim_holder" }
  /** The participant who holds the claim, and its organization as `member` says. */
  | { kind: "claim_holder_or_member"; permission: Permission }
  /**
   * Any signed-in person may spend their own points; only the claim holder has any, so everyone
   * else is refused for their balance (409 insufficient_points), not for who they are.
   */
  | { kind: "spender" }
  /** Only accounts with the operator claim. */
  | { kind: "operator" }
  /**
   * Only the person an invitation is addressed to, proving the address: no walked account has a
   * verified address, so each is refused (invitations.test.ts covers the one who may).
   */
  | { kind: "addressee" }
  /**
   * Any signed-in person with a verified address, linking a sign-in of an organization's issuer:
   * the walked members have one (enrolling a second factor needs it) and send a token that is not
   * valid (400); everyone else is refused for their unverified address (403).
   */
  | { kind: "linker" }
  /** Anyone holding a link we signed, signed in or not: the signature is the credential (one-click unsubscribe). */
  | { kind: "link_holder" };

const access: Record<string, Access> = {
  createOrganization: { kind: "signed_in" },
  listOrganizations: { kind: "signed_in" },
  getOrganization: { kind: "member", permission: "organization:read" },
  addMember: { kind: "member", permission: "members:write" },
  updateMember: { kind: "member", permission: "members:write" },
  removeMember: { kind: "member", permission: "members:write" },
  addOidcIssuer: { kind: "member", permission: "members:write" },
  listOidcIssuers: { kind: "member", permission: "organization:read" },
  removeOidcIssuer: { kind: "member", permission: "members:write" },
  linkOidcIdentity: { kind: "linker" },
  createApiKey: { kind: "member", permission: "api_keys:write" },
  listApiKeys: { kind: "member", permission: "api_keys:write" },
  revokeApiKey: { kind: "member", permission: "api_keys:write" },
  listAuditLog: { kind: "member", permission: "audit:read" },
  verifyAuditLog: { kind: "member", permission: "audit:read" },
  rotateApiKey: { kind: "member", permission: "api_keys:write" },
  createWebhookEndpoint: { kind: "member", permission: "webhooks:write" },
  listWebhookEndpoints: { kind: "member", permission: "webhooks:write" },
  getWebhookEndpoint: { kind: "member", permission: "webhooks:write" },
  updateWebhookEndpoint: { kind: "member", permission: "webhooks:write" },
  deleteWebhookEndpoint: { kind: "member", permission: "webhooks:write" },
  disableWebhookEndpoint: { kind: "member", permission: "webhooks:write" },
  enableWebhookEndpoint: { kind: "member", permission: "webhooks:write" },
  rotateWebhookEndpointSecret: { kind: "member", permission: "webhooks:write" },
  listWebhookEndpointAttempts: { kind: "member", permission: "webhooks:read" },
  listWebhookMessageAttempts: { kind: "member", permission: "webhooks:read" },
  listWebhookMessages: { kind: "member", permission: "webhooks:read" },
  getWebhookMessage: { kind: "member", permission: "webhooks:read" },
  resendWebhookMessage: { kind: "member", permission: "webhooks:write" },
  recoverWebhookEndpoint: { kind: "member", permission: "webhooks:write" },
  replayMissingWebhookMessages: { kind: "member", permission: "webhooks:write" },
  sendTestWebhook: { kind: "member", permission: "webhooks:write" },
  getWebhookSettings: { kind: "member", permission: "webhooks:read" },
  updateWebhookSettings: { kind: "member", permission: "webhooks:write" },
  listWebhookEventTypes: { kind: "anyone_with_scope" },
  listOpportunityClaims: { kind: "member", permission: "claims:read" },
  getOpportunityBudget: { kind: "member", permission: "opportunities:read" },
  getMonthlyBudgets: { kind: "member", permission: "rewards:read" },
  setMonthlyBudgets: { kind: "member", permission: "rewards:write" },
  getAccount: { kind: "signed_in" },
  getMe: { kind: "signed_in" },
  updateMe: { kind: "signed_in" },
  requestErasure: { kind: "signed_in" },
  cancelErasure: { kind: "signed_in" },
  getEmailPreferences: { kind: "signed_in" },
  updateEmailPreferences: { kind: "signed_in" },
  getUnsubscribeLink: { kind: "link_holder" },
  unsubscribe: { kind: "link_holder" },
  createOpportunity: { kind: "member", permission: "opportunities:write" },
  publishOpportunity: { kind: "member", permission: "opportunities:write" },
  updateOpportunity: { kind: "member", permission: "opportunities:write" },
  pauseOpportunity: { kind: "member", permission: "opportunities:write" },
  resumeOpportunity: { kind: "member", permission: "opportunities:write" },
  completeOpportunity: { kind: "member", permission: "opportunities:write" },
  archiveOpportunity: { kind: "member", permission: "opportunities:write" },
  deleteOpportunity: { kind: "member", permission: "opportunities:write" },
  getOpportunity: { kind: "member", permission: "opportunities:read" },
  listOpportunities: { kind: "member", permission: "opportunities:read" },
  createClaim: { kind: "signed_in" },
  listClaims: { kind: "signed_in" },
  getClaim: { kind: "claim_holder" },
  createSubmission: { kind: "claim_holder" },
  withdrawClaim: { kind: "claim_holder" },
  listClaimSubmissions: { kind: "claim_holder_or_member", permission: "claims:read" },
  createUpload: { kind: "claim_holder" },
  listMedia: { kind: "claim_holder_or_member", permission: "claims:read" },
  listSubmissions: { kind: "member", permission: "claims:read" },
  getSubmission: { kind: "member", permission: "claims:read" },
  approveSubmission: { kind: "member", permission: "submissions:review" },
  rejectSubmission: { kind: "member", permission: "submissions:review" },
  reviewSubmissions: { kind: "member", permission: "submissions:review" },
  listRewards: { kind: "signed_in" },
  getPointsBalance: { kind: "signed_in" },
  getBalance: { kind: "signed_in" },
  getPayoutDetails: { kind: "signed_in" },
  setPayoutDetails: { kind: "signed_in" },
  listMyPayouts: { kind: "signed_in" },
  listOrganizationPayouts: { kind: "member", permission: "rewards:read" },
  createVoucherPool: { kind: "member", permission: "rewards:write" },
  listVoucherPools: { kind: "member", permission: "rewards:read" },
  getVoucherPool: { kind: "member", permission: "rewards:read" },
  updateVoucherPool: { kind: "member", permission: "rewards:write" },
  importVoucherCodes: { kind: "member", permission: "rewards:write" },
  generateVoucherCodes: { kind: "member", permission: "rewards:write" },
  listVoucherCodes: { kind: "member", permission: "rewards:read" },
  // The reward's participant alone: the holder's own voucher (walked as the claim holder).
  getRewardVoucher: { kind: "claim_holder" },
  listPointsEntries: { kind: "signed_in" },
  adjustPoints: { kind: "member", permission: "points:adjust" },
  createRedemptionOffer: { kind: "member", permission: "rewards:write" },
  listRedemptionOffers: { kind: "member", permission: "rewards:read" },
  updateRedemptionOffer: { kind: "member", permission: "rewards:write" },
  listRedemptionCatalogue: { kind: "signed_in" },
  createRedemption: { kind: "spender" },
  listRedemptions: { kind: "signed_in" },
  // The redemption's participant alone (walked as the claim holder, who redeemed it).
  getRedemption: { kind: "claim_holder" },
  getHealthDetails: { kind: "operator" },
  createInvitation: { kind: "member", permission: "members:write" },
  listInvitations: { kind: "member", permission: "members:write" },
  revokeInvitation: { kind: "member", permission: "members:write" },
  listReceivedInvitations: { kind: "signed_in" },
  acceptInvitation: { kind: "addressee" },
};

type Caller =
  | { kind: "nobody" }
  | { kind: "anonymous"; token: string }
  | { kind: "stranger" | "other_org_member" | "claim_holder" | "operator"; token: string }
  | { kind: "role"; role: OrgRole; token: string; email: string }
  | { kind: "key"; scopes: ApiScope[]; creatorRole: OrgRole; key: string };

const describeCaller = (caller: Caller) =>
  caller.kind === "role" ? caller.role : caller.kind === "key" ? `key [${caller.scopes.join(" ")}] of a ${caller.creatorRole}` : caller.kind;

/** The status the permission table promises `caller` on `route`. */
function expectedStatus(route: RouteSpec, rule: Access, caller: Caller): number {
  const success = route.response.status;
  if (rule.kind === "link_holder") return success;
  if (caller.kind === "nobody") return 401;
  if (caller.kind === "key") {
    if (route.auth.kind === "user_or_api_key" && rule.kind === "anyone_with_scope") return caller.scopes.includes(route.auth.scope) ? success : 403;
    if (route.auth.kind !== "user_or_api_key" || (rule.kind !== "member" && rule.kind !== "claim_holder_or_member")) return 403;
    if (!caller.scopes.includes(route.auth.scope)) return 403;
    return permissionsByRole[caller.creatorRole].includes(rule.permission) ? success : 403;
  }
  const browses = "anonymous" in route.auth && route.auth.anonymous === true;
  if (caller.kind === "anonymous" && !browses) return 403;
  // Step-up: only the walked members signed in with a second factor (mfa_required for the others).
  if (route.stepUp && caller.kind !== "role") return 403;
  switch (rule.kind) {
    case "operator":
      return caller.kind === "operator" ? success : 403;
    case "signed_in":
    case "anyone_with_scope":
      return success;
    case "spender":
      return caller.kind === "claim_holder" ? success : 409;
    case "addressee":
      // The walked members have verified addresses (a second factor needs one): an invitation to another address is not theirs to see.
      return caller.kind === "role" ? 404 : 403;
    case "linker":
      return caller.kind === "role" ? 400 : 403;
    case "claim_holder":
      return caller.kind === "claim_holder" ? success : 404;
    case "claim_holder_or_member":
      if (caller.kind === "claim_holder") return success;
      if (caller.kind !== "role") return 404;
      return permissionsByRole[caller.role].includes(rule.permission) ? success : 403;
    case "member":
      if (caller.kind !== "role") return 404;
      return permissionsByRole[caller.role].includes(rule.permission) ? success : 403;
  }
}

interface World {
  orgId: string;
  owner: ReturnType<typeof apiClient>;
  draftId: string;
  claimableId: string;
  heldId: string;
  heldClaimId: string;
  holder: ReturnType<typeof apiClient>;
  poolId: string;
  /** The holder's issued voucher reward. */
  voucherRewardId: string;
  /** A participant who earned points from the organization: whom its admins may adjust. */
  payeeId: string;
  /** An offer of the pool for 1 point, and the holder's redemption of it. */
  offerId: string;
  redemptionId: string;
  /** A webhook message of the organization (to a receiver on loopback; its endpoint is disabled once the message exists). */
  messageId: string;
  /** Submissions awaiting review: every allowed caller decides the same one the same way, which answers it as decided. */
  toApproveId: string;
  toRejectId: string;
  callers: Caller[];
}

let world: World;

// A receiver on loopback that accepts every webhook, so the walked organization has a message with an attempt in its log.
const receiver = createServer((req, res) => req.resume().on("end", () => res.writeHead(204).end()));
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

/** The walked organization's owner, whose unsubscribe links the link routes are walked with. */
async function ownerUserId(): Promise<string> {
  const me = await world.owner.get("/v1/me");
  expect(me.status).toBe(200);
  return me.body.userId as string;
}

async function userIdOf(token: string): Promise<string> {
  // Creating an organization is the one answer that names the caller's own user id.
  const own = await apiClient(token).post("/v1/organizations", { name: "Own" });
  expect(own.status).toBe(201);
  return own.body.members[0].userId;
}

beforeAll(async () => {
  // Members sign in with a second factor, as sensitive operations (step-up) ask of people.
  const ownerAccount = await signUpWithSecondFactor("owner");
  const owner = apiClient(ownerAccount.idToken);
  const org = await owner.post("/v1/organizations", { name: "Walked Org" });
  expect(org.status).toBe(201);
  const orgId: string = org.body.id;

  const roleTokens: Partial<Record<OrgRole, string>> = { owner: ownerAccount.idToken };
  const roleEmails: Partial<Record<OrgRole, string>> = { owner: ownerAccount.email };
  for (const role of orgRoles.filter((r) => r !== "owner")) {
    const account = await signUpWithSecondFactor(role);
    expect((await owner.post(`/v1/organizations/${orgId}/members`, { userId: await userIdOf(account.idToken), role })).status).toBe(200);
    roleTokens[role] = account.idToken;
    roleEmails[role] = account.email;
  }

  const keys: Caller[] = [];
  for (const scope of ["opportunities:read", "opportunities:write", "claims:read", "submissions:review", "webhooks:read", "webhooks:write", "rewards:read", "rewards:write"] as const) {
    const created = await owner.post(`/v1/organizations/${orgId}/api-keys`, { name: scope, scopes: [scope] });
    expect(created.status).toBe(201);
    keys.push({ kind: "key", scopes: [scope], creatorRole: "owner", key: created.body.key });
  }
  // An admin's key with write scopes, kept after the admin is demoted to viewer: it must lose what the role lost.
  const formerAdmin = await signUpWithPassword("demoted");
  const formerAdminId = await userIdOf(formerAdmin.idToken);
  expect((await owner.post(`/v1/organizations/${orgId}/members`, { userId: formerAdminId, role: "admin" })).status).toBe(200);
  const demotedScopes: ApiScope[] = ["opportunities:read", "opportunities:write", "webhooks:write"];
  const demotedKey = await apiClient(formerAdmin.idToken).post(`/v1/organizations/${orgId}/api-keys`, { name: "demoted", scopes: demotedScopes });
  expect(demotedKey.status).toBe(201);
  expect((await owner.post(`/v1/organizations/${orgId}/members`, { userId: formerAdminId, role: "viewer" })).status).toBe(200);
  keys.push({ kind: "key", scopes: demotedScopes, creatorRole: "viewer", key: demotedKey.body.key });

  const otherOrgMember = await signUpWithPassword("other-org");
  await userIdOf(otherOrgMember.idToken);

  // Subscribed before the publications below, so one of them gives the organization a webhook message.
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/walked`;
  const hooked = await owner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url: hookUrl, eventTypes: ["opportunity.published.v1"] });
  expect(hooked.status).toBe(201);

  const draft = await owner.post("/v1/opportunities", surveyOpportunity(orgId, { title: "Still a draft" }));
  const claimable = await owner.post("/v1/opportunities", surveyOpportunity(orgId, { title: "Claimable", capacity: 100 }));
  // Its upload task, required, keeps the held claim active once its survey is approved.
  const heldInput = surveyOpportunity(orgId, { title: "Held" });
  const held = await owner.post("/v1/opportunities", { ...heldInput, tasks: [...heldInput.tasks, { id: "photo", type: "upload", title: "Photo", media: { kinds: ["image"], maxBytes: 1_000_000 } }] });
  for (const opportunity of [claimable, held]) expect((await owner.post(`/v1/opportunities/${opportunity.body.id}/publish`)).status).toBe(200);
  const holder = await signUpWithPassword("holder");
  const heldClaim = await apiClient(holder.idToken).post("/v1/claims", { opportunityId: held.body.id });
  expect(heldClaim.status).toBe(201);

  const { poolId, voucherRewardId } = await issuedVoucherOf(owner, orgId, apiClient(holder.idToken));

  const reviewed = await owner.post("/v1/opportunities", surveyOpportunity(orgId, { title: "Reviewed", reviewPolicy: "manual" }));
  expect((await owner.post(`/v1/opportunities/${reviewed.body.id}/publish`)).status).toBe(200);
  const [toApproveId, toRejectId] = await Promise.all(["author-1", "author-2"].map((name) => awaitingReview(reviewed.body.id, name)));
  const payeeId = await paidParticipant(owner, orgId, [apiClient(holder.idToken)]);
  const { offerId, redemptionId } = await redeemedOffer(owner, orgId, poolId, apiClient(holder.idToken));
  const database = platformDatabase();
  const messageId = await eventually(async () => (await database.db.collection<{ _id: string }>("webhook_messages").findOne({ endpointId: hooked.body.id }))?._id).finally(() => database.close());
  expect((await owner.post(`/v1/organizations/${orgId}/webhook-endpoints/${hooked.body.id}/disable`)).status).toBe(200);

  world = {
    orgId,
    owner,
    toApproveId: toApproveId!,
    toRejectId: toRejectId!,
    draftId: draft.body.id,
    claimableId: claimable.body.id,
    heldId: held.body.id,
    heldClaimId: heldClaim.body.id,
    holder: apiClient(holder.idToken),
    poolId,
    voucherRewardId,
    payeeId,
    offerId,
    redemptionId,
    messageId,
    callers: [
      { kind: "nobody" },
      { kind: "anonymous", token: (await signInAnonymously()).idToken },
      { kind: "stranger", token: (await signUpWithPassword("stranger")).idToken },
      { kind: "other_org_member", token: otherOrgMember.idToken },
      ...orgRoles.map((role): Caller => ({ kind: "role", role, token: roleTokens[role]!, email: roleEmails[role]! })),
      ...keys,
      { kind: "operator", token: await signUpOperator() },
      // Last, so the claim is still active when every other caller tries to submit to it.
      { kind: "claim_holder", token: holder.idToken },
    ],
  };
}, 120_000);

/** A voucher pool of the organization with codes, and the holder's voucher reward from it, once issued. */
async function issuedVoucherOf(owner: ReturnType<typeof apiClient>, orgId: string, holder: ReturnType<typeof apiClient>) {
  const pool = await owner.post(`/v1/organizations/${orgId}/voucher-pools`, { name: "Walked pool" });
  expect(pool.status).toBe(201);
  expect((await owner.post(`/v1/organizations/${orgId}/voucher-pools/${pool.body.id}/codes/generate`, { count: 5, length: 10 })).status).toBe(200);
  const paying = await owner.post("/v1/opportunities", surveyOpportunity(orgId, { title: "Pays a voucher", reward: { type: "voucher", value: 500, currency: "EUR", poolId: pool.body.id } }));
  expect(paying.status).toBe(201);
  expect((await owner.post(`/v1/opportunities/${paying.body.id}/publish`)).status).toBe(200);
  const claim = await holder.post("/v1/claims", { opportunityId: paying.body.id });
  expect((await holder.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);
  const reward = await eventually(async () => {
    const rewards = await holder.get("/v1/rewards");
    return rewards.body.data.find((r: { claimId: string; status: string }) => r.claimId === claim.body.id && r.status === "issued");
  });
  return { poolId: pool.body.id as string, voucherRewardId: reward.id as string };
}

/** A submission of a new participant's claim on the manual-review opportunity, awaiting review. */
async function awaitingReview(opportunityId: string, name: string): Promise<string> {
  const author = apiClient((await signUpWithPassword(name)).idToken);
  const claim = await author.post("/v1/claims", { opportunityId });
  expect(claim.status).toBe(201);
  const submission = await author.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers);
  expect(submission.body).toMatchObject({ status: "needs_review" });
  return submission.body.id;
}

/**
 * A participant whose completed claim on a new opportunity of the organization earned them points,
 * once the reward is issued; `alsoPaid` complete it too and are paid before this returns.
 */
async function paidParticipant(owner: ReturnType<typeof apiClient>, orgId: string, alsoPaid: ReadonlyArray<ReturnType<typeof apiClient>> = []): Promise<string> {
  const paying = await owner.post("/v1/opportunities", surveyOpportunity(orgId, { title: "Paying" }));
  expect((await owner.post(`/v1/opportunities/${paying.body.id}/publish`)).status).toBe(200);
  for (const participant of alsoPaid) {
    const claim = await participant.post("/v1/claims", { opportunityId: paying.body.id });
    expect((await participant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);
    await eventually(async () => ((await participant.get("/v1/rewards/points")).body.points > 0 ? true : undefined), 30_000);
  }
  const payee = apiClient((await signUpWithPassword("payee")).idToken);
  const claim = await payee.post("/v1/claims", { opportunityId: paying.body.id });
  expect((await payee.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);
  const reward = await eventually(async () => (await payee.get("/v1/rewards")).body.data.find((r: { status: string }) => r.status === "issued") as { userId: string } | undefined, 30_000);
  return reward.userId;
}

/** An offer of the pool for 1 point, and the holder's redemption of it (the holder has points to spend again). */
async function redeemedOffer(owner: ReturnType<typeof apiClient>, orgId: string, poolId: string, holder: ReturnType<typeof apiClient>) {
  const offer = await owner.post(`/v1/organizations/${orgId}/redemption-offers`, { poolId, name: "Walked offer", points: 1 });
  expect(offer.status).toBe(201);
  const redemption = await holder.post("/v1/redemptions", { offerId: offer.body.id });
  expect(redemption.status).toBe(201);
  return { offerId: offer.body.id as string, redemptionId: redemption.body.id as string };
}

/** A fresh opportunity of the walked organization, moved through `moves` by its owner: each caller finds one in the state its route starts from. */
async function freshOpportunity(...moves: string[]): Promise<string> {
  const created = await world.owner.post("/v1/opportunities", surveyOpportunity(world.orgId, { title: "Walked through its life" }));
  expect(created.status).toBe(201);
  for (const move of moves) expect((await world.owner.post(`/v1/opportunities/${created.body.id}/${move}`)).status).toBe(200);
  return created.body.id;
}

/** A request that would succeed for a caller allowed on the route: every refusal is then about who calls. */
async function requestFor(route: RouteSpec): Promise<{ path: string; body?: unknown }> {
  const { orgId, draftId, claimableId, heldId, heldClaimId, toApproveId, toRejectId } = world;
  switch (route.operationId) {
    case "createOrganization":
      return { path: "/v1/organizations", body: { name: "Another" } };
    case "listOrganizations":
      return { path: "/v1/organizations" };
    case "getOrganization":
      return { path: `/v1/organizations/${orgId}` };
    case "addMember":
      return { path: `/v1/organizations/${orgId}/members`, body: { userId: `usr_${randomBytes(11).toString("hex")}`, role: "viewer" } };
    case "updateMember":
      return { path: `/v1/organizations/${orgId}/members/${await freshMember()}`, body: { role: "reviewer" } };
    case "removeMember":
      return { path: `/v1/organizations/${orgId}/members/${await freshMember()}` };
    case "addOidcIssuer":
      return { path: `/v1/organizations/${orgId}/oidc-issuers`, body: { issuer: `https://93.184.216.34/idp-${randomBytes(6).toString("hex")}`, audience: "walk" } };
    case "listOidcIssuers":
      return { path: `/v1/organizations/${orgId}/oidc-issuers` };
    case "removeOidcIssuer":
      return { path: `/v1/organizations/${orgId}/oidc-issuers/${await freshIssuer()}` };
    case "linkOidcIdentity":
      return { path: "/v1/account/oidc-identities", body: { idToken: "not-a-token" } };
    case "createApiKey":
      return { path: `/v1/organizations/${orgId}/api-keys`, body: { name: "walk", scopes: ["opportunities:read"] } };
    case "createWebhookEndpoint":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints`, body: { url: "https://93.184.216.34/hooks", eventTypes: ["claim.completed.v1"] } };
    case "listApiKeys":
      return { path: `/v1/organizations/${orgId}/api-keys` };
    case "listAuditLog":
      return { path: `/v1/organizations/${orgId}/audit-log?limit=5` };
    case "verifyAuditLog":
      return { path: `/v1/organizations/${orgId}/audit-log/verification` };
    case "revokeApiKey":
      return { path: `/v1/organizations/${orgId}/api-keys/${await freshApiKey()}` };
    case "rotateApiKey":
      return { path: `/v1/organizations/${orgId}/api-keys/${await freshApiKey()}/rotate`, body: { overlapSeconds: 0 } };
    case "listWebhookEndpoints":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints` };
    case "getWebhookEndpoint":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}` };
    case "updateWebhookEndpoint":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}`, body: { description: "walked", rateLimitPerSecond: 10 } };
    case "deleteWebhookEndpoint":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}` };
    case "disableWebhookEndpoint":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}/disable` };
    case "enableWebhookEndpoint":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}/enable` };
    case "rotateWebhookEndpointSecret":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}/rotate-secret` };
    case "listWebhookEndpointAttempts":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}/attempts?statusClass=5xx` };
    case "listWebhookMessageAttempts":
      return { path: `/v1/organizations/${orgId}/webhook-messages/${world.messageId}/attempts` };
    case "listWebhookMessages":
      return { path: `/v1/organizations/${orgId}/webhook-messages?eventType=opportunity.published.v1` };
    case "getWebhookMessage":
      return { path: `/v1/organizations/${orgId}/webhook-messages/${world.messageId}` };
    case "resendWebhookMessage":
      // Its endpoint is disabled: the resend is queued, and its task sends nothing.
      return { path: `/v1/organizations/${orgId}/webhook-messages/${world.messageId}/resend` };
    case "recoverWebhookEndpoint":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}/recover`, body: { since: "2026-01-01T00:00:00Z" } };
    case "getWebhookSettings":
      return { path: `/v1/organizations/${orgId}/webhook-settings` };
    case "updateWebhookSettings":
      return { path: `/v1/organizations/${orgId}/webhook-settings`, body: { messageRetentionDays: 90 } };
    case "listWebhookEventTypes":
      return { path: "/v1/webhook-event-types" };
    case "sendTestWebhook":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}/send-test`, body: { eventType: "claim.created.v1" } };
    case "replayMissingWebhookMessages":
      return { path: `/v1/organizations/${orgId}/webhook-endpoints/${await freshEndpoint()}/replay-missing`, body: { since: "2026-01-01T00:00:00Z" } };
    case "listOpportunityClaims":
      return { path: `/v1/opportunities/${heldId}/claims` };
    case "getOpportunityBudget":
      return { path: `/v1/opportunities/${heldId}/budget` };
    case "getAccount":
      return { path: "/v1/account" };
    case "getMe":
      return { path: "/v1/me" };
    case "updateMe":
      return { path: "/v1/me", body: { displayName: "Walker" } };
    case "requestErasure":
      return { path: "/v1/me" };
    case "cancelErasure":
      return { path: "/v1/me/erasure/cancel" };
    case "getEmailPreferences":
      return { path: "/v1/me/email-preferences" };
    case "updateEmailPreferences":
      return { path: "/v1/me/email-preferences", body: { reviews: false } };
    case "getUnsubscribeLink":
      return { path: `/v1/unsubscribe/${unsubscribeTokenFor(await ownerUserId(), "claims")}` };
    case "unsubscribe":
      return { path: `/v1/unsubscribe/${unsubscribeTokenFor(await ownerUserId(), "claims")}`, body: { "List-Unsubscribe": "One-Click" } };
    case "createOpportunity":
      return { path: "/v1/opportunities", body: surveyOpportunity(orgId) };
    case "publishOpportunity": {
      // A fresh draft each time, so an allowed caller finds something to publish.
      const fresh = await world.owner.post("/v1/opportunities", surveyOpportunity(orgId, { title: "To publish" }));
      return { path: `/v1/opportunities/${fresh.body.id}/publish` };
    }
    case "updateOpportunity":
      return { path: `/v1/opportunities/${draftId}`, body: { description: "Walked" } };
    case "pauseOpportunity":
      return { path: `/v1/opportunities/${await freshOpportunity("publish")}/pause` };
    case "resumeOpportunity":
      return { path: `/v1/opportunities/${await freshOpportunity("publish", "pause")}/resume` };
    case "completeOpportunity":
      return { path: `/v1/opportunities/${await freshOpportunity("publish")}/complete` };
    case "archiveOpportunity":
      return { path: `/v1/opportunities/${await freshOpportunity("publish", "complete")}/archive` };
    case "deleteOpportunity":
      return { path: `/v1/opportunities/${await freshOpportunity()}` };
    case "getOpportunity":
      return { path: `/v1/opportunities/${draftId}` };
    case "listOpportunities":
      return { path: `/v1/opportunities?orgId=${orgId}` };
    case "createClaim":
      return { path: "/v1/claims", body: { opportunityId: claimableId } };
    case "listClaims":
      return { path: "/v1/claims" };
    case "getClaim":
      return { path: `/v1/claims/${heldClaimId}` };
    case "createSubmission":
      return { path: `/v1/claims/${heldClaimId}/submissions`, body: validAnswers };
    case "listClaimSubmissions":
      return { path: `/v1/claims/${heldClaimId}/submissions` };
    case "createUpload":
      return { path: `/v1/claims/${heldClaimId}/uploads`, body: { taskId: "photo" } };
    case "listMedia":
      return { path: `/v1/claims/${heldClaimId}/media` };
    case "withdrawClaim": {
      // A fresh claim of the holder each time (on a fresh opportunity: one claim per opportunity),
      // so the holder finds an active claim to withdraw.
      const fresh = await world.holder.post("/v1/claims", { opportunityId: await freshOpportunity("publish") });
      expect(fresh.status).toBe(201);
      return { path: `/v1/claims/${fresh.body.id}/withdraw` };
    }
    case "listSubmissions":
      return { path: `/v1/submissions?orgId=${orgId}` };
    case "getSubmission":
      return { path: `/v1/submissions/${toApproveId}` };
    case "approveSubmission":
      return { path: `/v1/submissions/${toApproveId}/approve`, body: { note: "walked" } };
    case "rejectSubmission":
      return { path: `/v1/submissions/${toRejectId}/reject`, body: { reasonCode: "incomplete" } };
    case "reviewSubmissions":
      return { path: "/v1/submissions/reviews", body: { orgId, decisions: [{ submissionId: toApproveId, decision: "approve" }] } };
    case "listRewards":
      return { path: "/v1/rewards" };
    case "getPointsBalance":
      return { path: "/v1/rewards/points" };
    case "getBalance":
      return { path: "/v1/rewards/balance" };
    case "getPayoutDetails":
      return { path: "/v1/me/payout-details" };
    case "setPayoutDetails":
      return { path: "/v1/me/payout-details", body: { name: "Walker", email: "walker@test.user-x.dev" } };
    case "listMyPayouts":
      return { path: "/v1/me/payouts" };
    case "listOrganizationPayouts":
      return { path: `/v1/organizations/${orgId}/payouts?status=paid` };
    case "createVoucherPool":
      return { path: `/v1/organizations/${orgId}/voucher-pools`, body: { name: "Walked" } };
    case "listVoucherPools":
      return { path: `/v1/organizations/${orgId}/voucher-pools` };
    case "getVoucherPool":
      return { path: `/v1/organizations/${orgId}/voucher-pools/${world.poolId}` };
    case "updateVoucherPool":
      return { path: `/v1/organizations/${orgId}/voucher-pools/${world.poolId}`, body: { redemptionInstructions: "Walked" } };
    case "importVoucherCodes":
      return { path: `/v1/organizations/${orgId}/voucher-pools/${world.poolId}/codes`, body: { codes: [{ code: `WALK-${randomBytes(6).toString("hex")}` }] } };
    case "generateVoucherCodes":
      return { path: `/v1/organizations/${orgId}/voucher-pools/${world.poolId}/codes/generate`, body: { count: 1, length: 12 } };
    case "listVoucherCodes":
      return { path: `/v1/organizations/${orgId}/voucher-pools/${world.poolId}/codes` };
    case "getRewardVoucher":
      return { path: `/v1/rewards/${world.voucherRewardId}/voucher` };
    case "listPointsEntries":
      return { path: "/v1/rewards/points/entries" };
    case "adjustPoints":
      return { path: `/v1/organizations/${orgId}/points-adjustments`, body: { userId: world.payeeId, points: 1, reason: "walked" } };
    case "createRedemptionOffer":
      return { path: `/v1/organizations/${orgId}/redemption-offers`, body: { poolId: world.poolId, name: "Walked", points: 5 } };
    case "listRedemptionOffers":
      return { path: `/v1/organizations/${orgId}/redemption-offers` };
    case "updateRedemptionOffer":
      return { path: `/v1/organizations/${orgId}/redemption-offers/${world.offerId}`, body: { description: "Walked" } };
    case "getMonthlyBudgets":
      return { path: `/v1/organizations/${orgId}/monthly-budgets?month=2026-01` };
    case "setMonthlyBudgets":
      // A unit no claim of the walk is counted in: the limit changes nothing the other routes do.
      return { path: `/v1/organizations/${orgId}/monthly-budgets`, body: { limits: { JPY: 1_000_000 } } };
    case "listRedemptionCatalogue":
      return { path: "/v1/redemption-offers" };
    case "createRedemption":
      return { path: "/v1/redemptions", body: { offerId: world.offerId } };
    case "listRedemptions":
      return { path: "/v1/redemptions" };
    case "getRedemption":
      return { path: `/v1/redemptions/${world.redemptionId}` };
    case "getHealthDetails":
      return { path: "/v1/health/details" };
    case "createInvitation":
      return { path: `/v1/organizations/${orgId}/invitations`, body: { email: `walk-${randomBytes(6).toString("hex")}@test.user-x.dev`, role: "viewer" } };
    case "listInvitations":
      return { path: `/v1/organizations/${orgId}/invitations` };
    case "revokeInvitation":
      return { path: `/v1/organizations/${orgId}/invitations/${await freshInvitation()}` };
    case "listReceivedInvitations":
      return { path: "/v1/account/invitations" };
    case "acceptInvitation":
      return { path: `/v1/account/invitations/${await freshInvitation()}/accept` };
    default:
      throw new Error(`no request for ${route.operationId}: add it here and to the access table`);
  }
}

/** An issuer the owner trusts, so an allowed caller finds one to remove. */
async function freshIssuer(): Promise<string> {
  const added = await world.owner.post(`/v1/organizations/${world.orgId}/oidc-issuers`, { issuer: `https://93.184.216.34/idp-${randomBytes(6).toString("hex")}`, audience: "walk" });
  expect(added.status).toBe(201);
  return added.body.id;
}

/** An invitation sent by the owner, so an allowed caller finds a pending one to revoke. */
async function freshInvitation(): Promise<string> {
  const invited = await world.owner.post(`/v1/organizations/${world.orgId}/invitations`, { email: `walk-${randomBytes(6).toString("hex")}@test.user-x.dev`, role: "viewer" });
  expect(invited.status).toBe(201);
  return invited.body.id;
}

/**
 * A webhook endpoint registered by the owner, so an allowed caller finds one to read, change, rotate
 * or delete. It subscribes to an event the walk never causes (claims have a day to expire): a
 * hundred endpoints sent every claim of the walk would flood the platform with deliveries to an
 * address that does not answer.
 */
async function freshEndpoint(): Promise<string> {
  const created = await world.owner.post(`/v1/organizations/${world.orgId}/webhook-endpoints`, { url: "https://93.184.216.34/hooks", eventTypes: ["claim.expired.v1"] });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** A key the owner created (reading opportunities only: the walk's own keys must keep working), so an allowed caller finds one to revoke or rotate. */
async function freshApiKey(): Promise<string> {
  const created = await world.owner.post(`/v1/organizations/${world.orgId}/api-keys`, { name: "walked", scopes: ["opportunities:read"] });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** A viewer added by the owner, so an allowed caller finds a member to change or remove. */
async function freshMember(): Promise<string> {
  const userId = `usr_${randomBytes(11).toString("hex")}`;
  expect((await world.owner.post(`/v1/organizations/${world.orgId}/members`, { userId, role: "viewer" })).status).toBe(200);
  return userId;
}

function call(caller: Caller, route: RouteSpec, request: { path: string; body?: unknown }): Promise<ApiResponse> {
  const credential = caller.kind === "nobody" ? undefined : caller.kind === "key" ? caller.key : caller.token;
  return apiClient(credential).raw(route.method, request.path, request.body === undefined ? {} : { body: request.body });
}

describe("every route × every kind of caller", () => {
  it("has an entry for every route of the route table, and none for a route that is gone", () => {
    expect(Object.keys(access).sort()).toEqual(apiRoutes.map((route) => route.operationId).sort());
  });

  it.each(apiRoutes.map((route) => [route.operationId, route] as const))(
    "%s answers each caller as the permission table says",
    async (_name, route) => {
      const rule = access[route.operationId];
      if (!rule) throw new Error(`${route.operationId} has no entry in the access table`);
      const mismatches: string[] = [];
      // A step-up wants a second factor of the last 10 minutes: the members sign in with theirs again, as a person would.
      const callers = route.stepUp ? await Promise.all(world.callers.map(async (caller) => (caller.kind === "role" ? { ...caller, token: await signInWithSecondFactor(caller.email) } : caller))) : world.callers;
      if (route.stepUp) world.owner = apiClient(callers.find((caller): caller is Extract<Caller, { kind: "role" }> => caller.kind === "role" && caller.role === "owner")!.token);
      for (const caller of callers) {
        const expected = expectedStatus(route, rule, caller);
        const response = await call(caller, route, await requestFor(route));
        if (response.status !== expected) mismatches.push(`${describeCaller(caller)}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
        if (response.status >= 400) {
          expect(response.headers.get("content-type")).toContain("application/problem+json");
          expect(response.body).toMatchObject({ status: response.status, code: expect.any(String), title: expect.any(String), requestId: expect.any(String) });
        }
      }
      expect(mismatches).toEqual([]);
    },
    120_000,
  );
});

describe("the holes the security review found", () => {
  it("a developer cannot mint a key that writes opportunities: 403 naming the scope, and nothing stored", async () => {
    const developer = world.callers.find((c): c is Extract<Caller, { kind: "role" }> => c.kind === "role" && c.role === "developer")!;
    const asDeveloper = apiClient(developer.token);
    const database = platformDatabase();
    const keysBefore = await database.db.collection("api_keys").countDocuments({ orgId: world.orgId });
    const refused = await asDeveloper.post(`/v1/organizations/${world.orgId}/api-keys`, { name: "escalate", scopes: ["opportunities:write"] });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "forbidden", scopes: ["opportunities:write"] });
    expect(await database.db.collection("api_keys").countDocuments({ orgId: world.orgId })).toBe(keysBefore);
    await database.close();

    // What a developer's key may carry, it can use; what it may not, no key of theirs can.
    const allowed = await asDeveloper.post(`/v1/organizations/${world.orgId}/api-keys`, { name: "read", scopes: ["opportunities:read"] });
    expect(allowed.status).toBe(201);
    expect((await apiClient(allowed.body.key).post("/v1/opportunities", surveyOpportunity(world.orgId))).status).toBe(403);
  });

  it("a token revoked (signed out everywhere) or of a disabled account is refused on sensitive routes", async () => {
    for (const disable of [false, true]) {
      const account = await signUpWithPassword(disable ? "disabled" : "revoked");
      const caller = apiClient(account.idToken);
      const org = await caller.post("/v1/organizations", { name: "Soon revoked" });
      expect(org.status).toBe(201);
      await revokeTokens(account.localId, { disable });

      const sensitive = await caller.post(`/v1/organizations/${org.body.id}/api-keys`, { name: "after", scopes: ["opportunities:read"] });
      expect(sensitive.status).toBe(401);
      expect(sensitive.body).toMatchObject({ code: "unauthenticated" });
    }
  });

  it("a key created with an Idempotency-Key is never kept in clear: the replay answers shown_once, and only while the caller may still create keys", async () => {
    const developer = world.callers.find((c): c is Extract<Caller, { kind: "role" }> => c.kind === "role" && c.role === "developer")!;
    const asDeveloper = apiClient(developer.token);
    const idempotencyKey = `replay-${randomBytes(6).toString("hex")}`;
    const first = await asDeveloper.post(`/v1/organizations/${world.orgId}/api-keys`, { name: "once", scopes: ["opportunities:read"] }, { "idempotency-key": idempotencyKey });
    expect(first.status).toBe(201);
    const key: string = first.body.key;

    const replay = await asDeveloper.post(`/v1/organizations/${world.orgId}/api-keys`, { name: "once", scopes: ["opportunities:read"] }, { "idempotency-key": idempotencyKey });
    expect(replay.status).toBe(409);
    expect(replay.body).toMatchObject({ code: "shown_once", created: { id: first.body.id, name: "once" } });
    expect(JSON.stringify(replay.body)).not.toContain(key);

    // Nothing in the database holds the key or a webhook signing secret in clear.
    const endpoint = await world.owner.post(`/v1/organizations/${world.orgId}/webhook-endpoints`, { url: "https://93.184.216.34/hooks", eventTypes: ["claim.completed.v1"] }, { "idempotency-key": idempotencyKey });
    expect(endpoint.status).toBe(201);
    const database = platformDatabase();
    for (const name of ["api_keys", "idempotency_keys", "webhook_endpoints"]) {
      const everything = JSON.stringify(await database.db.collection(name).find({}).toArray());
      expect(everything).not.toContain(key);
      expect(everything).not.toContain(endpoint.body.secret);
    }
    await database.close();
  });
});
