// The cache keys shared between features, so a change in one refreshes what another shows.
export const queryKeys = {
  opportunities: ["opportunities"] as const,
  opportunity: (opportunityId: string) => ["opportunities", "one", opportunityId] as const,
  // Under the opportunity's key: whatever refreshes the opportunity refreshes its budget.
  opportunityBudget: (opportunityId: string) => ["opportunities", "one", opportunityId, "budget"] as const,
  claims: ["claims"] as const,
  claim: (claimId: string) => ["claims", "one", claimId] as const,
  // Under the claim's key: whatever refreshes the claim refreshes its submissions.
  claimSubmissions: (claimId: string) => ["claims", "one", claimId, "submissions"] as const,
  rewards: ["rewards"] as const,
  pointsBalance: ["rewards", "points"] as const,
  payoutDetails: ["payouts", "details"] as const,
  myPayouts: ["payouts", "mine"] as const,
  /** Under "rewards": a payout paid issues its reward. */
  organizationPayouts: (orgId: string) => ["organizations", orgId, "payouts"] as const,
  account: ["account"] as const,
  profile: ["me"] as const,
  emailPreferences: ["me", "email-preferences"] as const,
  organizations: ["organizations"] as const,
  organization: (orgId: string) => ["organizations", "one", orgId] as const,
  apiKeys: (orgId: string) => ["organizations", orgId, "api-keys"] as const,
  oidcIssuers: (orgId: string) => ["organizations", orgId, "oidc-issuers"] as const,
  webhookEndpoints: (orgId: string) => ["organizations", orgId, "webhook-endpoints"] as const,
  // Under the list's key: whatever refreshes the list refreshes each endpoint.
  webhookEndpoint: (orgId: string, endpointId: string) => ["organizations", orgId, "webhook-endpoints", endpointId] as const,
  invitations: (orgId: string) => ["organizations", orgId, "invitations"] as const,
  voucherPools: (orgId: string) => ["organizations", orgId, "voucher-pools"] as const,
  // Under the list's key: whatever refreshes the list refreshes each pool and its codes.
  voucherPool: (orgId: string, poolId: string) => ["organizations", orgId, "voucher-pools", poolId] as const,
  rewardVoucher: (rewardId: string) => ["rewards", "voucher", rewardId] as const,
  /** Under "rewards": a redemption moves the balance. */
  redemptionCatalogue: ["rewards", "redemption-catalogue"] as const,
  redemptions: ["redemptions"] as const,
  auditLog: (orgId: string) => ["organizations", orgId, "audit-log"] as const,
  monthlyBudgets: (orgId: string) => ["organizations", orgId, "monthly-budgets"] as const,
  redemptionOffers: (orgId: string) => ["organizations", orgId, "redemption-offers"] as const,
  /** The invitations addressed to the signed-in person: joining one changes their organizations. */
  receivedInvitations: ["organizations", "received-invitations"] as const,
  opportunityClaims: (opportunityId: string) => ["opportunities", "claims", opportunityId] as const,
  /** Every list of the organization's submissions (the queue under each filter, histories). */
  submissions: (orgId: string) => ["submissions", orgId] as const,
  submission: (submissionId: string) => ["submissions", "one", submissionId] as const,
};
