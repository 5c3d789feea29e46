// @user-x/sdk: the User-X API client. Runs in browsers, React Native (Hermes) and Node ≥ 20: it
// uses fetch and Web Crypto only, no Node built-ins (a test checks the built entry).
import type { z } from "zod";
import type * as audit from "../../functions/src/contracts/audit.js";
import type * as claims from "../../functions/src/contracts/claims.js";
import type * as emailPreferences from "../../functions/src/contracts/email-preferences.js";
import type * as invitations from "../../functions/src/contracts/invitations.js";
import type * as me from "../../functions/src/contracts/me.js";
import type * as opportunities from "../../functions/src/contracts/opportunities.js";
import type * as organizations from "../../functions/src/contracts/organizations.js";
import type * as payouts from "../../functions/src/contracts/payouts.js";
import type * as redemptions from "../../functions/src/contracts/redemptions.js";
import type * as rewards from "../../functions/src/contracts/rewards.js";
import type * as submissions from "../../functions/src/contracts/submissions.js";
import type * as vouchers from "../../functions/src/contracts/vouchers.js";

export { createClient, type UserXClient } from "./client.js";
export { UserXError, isProblemCode, type FieldError, type Problem, type ProblemCode, type UserXErrorCode } from "./errors.js";
export type { Page } from "./pagination.js";
export type { RetryOptions } from "./retry.js";
export type { CallOptions, ClientOptions, Credentials } from "./transport.js";
export type { MethodInput, MethodOutput } from "./method-types.js";

// The API's resources as they arrive (`Xxx`) and as they are sent (`XxxIn`, defaults optional).
/** An opportunity; read by a signed-in participant, with their `eligibility`. */
export type Opportunity = z.output<typeof opportunities.OpportunityViewOut>;
export type Targeting = z.output<typeof opportunities.Targeting>;
export type Eligibility = z.output<typeof opportunities.Eligibility>;
export type UnmetCondition = z.output<typeof opportunities.UnmetCondition>;
export type Profile = z.output<typeof me.ProfileOut>;
export type ProfilePatch = z.input<typeof me.ProfilePatch>;
export type EmailPreferences = z.output<typeof emailPreferences.EmailPreferencesOut>;
export type EmailPreferencesPatch = z.input<typeof emailPreferences.EmailPreferencesPatch>;
export type UnsubscribeLink = z.output<typeof emailPreferences.UnsubscribeLinkOut>;
export type OpportunityIn = z.input<typeof opportunities.OpportunityIn>;
export type Task = z.output<typeof opportunities.Task>;
export type Question = z.output<typeof opportunities.Question>;
export type RewardSpec = z.output<typeof opportunities.Reward>;
export type Budget = z.output<typeof opportunities.BudgetOut>;
export type VoucherPool = z.output<typeof vouchers.VoucherPoolOut>;
export type Voucher = z.output<typeof vouchers.VoucherOut>;
export type Claim = z.output<typeof claims.ClaimOut>;
export type Submission = z.output<typeof claims.SubmissionOut>;
export type SubmissionIn = z.input<typeof claims.SubmissionIn>;
export type ReviewedSubmission = z.output<typeof submissions.ReviewedSubmissionOut>;
export type RejectionReason = z.output<typeof claims.RejectionReason>;
export type ReviewBatchResult = z.output<typeof submissions.ReviewBatchOut>["results"][number];
export type Reward = z.output<typeof rewards.RewardOut>;
export type PointsBalance = z.output<typeof rewards.PointsBalanceOut>;
export type PointsEntry = z.output<typeof rewards.PointsEntryOut>;
export type RedemptionOffer = z.output<typeof redemptions.RedemptionOfferOut>;
export type RedemptionOfferIn = z.input<typeof redemptions.RedemptionOfferIn>;
export type Redemption = z.output<typeof redemptions.RedemptionOut>;
export type AuditEntry = z.output<typeof audit.AuditEntryOut>;
export type Payout = z.output<typeof payouts.PayoutOut>;
export type PayoutStatus = z.output<typeof payouts.PayoutStatus>;
export type PayoutDetails = z.output<typeof payouts.PayoutDetailsOut>;
export type PayoutDetailsIn = z.input<typeof payouts.PayoutDetailsIn>;
export type Organization = z.output<typeof organizations.OrganizationOut>;
export type OrganizationIn = z.input<typeof organizations.OrganizationIn>;
export type MemberIn = z.input<typeof organizations.MemberIn>;
export type Invitation = z.output<typeof invitations.InvitationOut>;
export type ReceivedInvitation = z.output<typeof invitations.ReceivedInvitationOut>;
export type InvitationIn = z.input<typeof invitations.InvitationIn>;
export type ApiKey = z.output<typeof organizations.ApiKeyOut>;
export type ApiKeyIn = z.input<typeof organizations.ApiKeyIn>;
export type WebhookEndpoint = z.output<typeof organizations.WebhookEndpointOut>;
export type WebhookEndpointIn = z.input<typeof organizations.WebhookEndpointIn>;
