import { lazy } from "react";
import { Route, Routes } from "react-router";
import { RequireAuth } from "../components/require-auth";
import { SignInPage } from "../features/auth/sign-in-page";
import { SignUpPage } from "../features/auth/sign-up-page";
import { ClaimPage } from "../features/claims/claim-page";
import { MyClaimsPage } from "../features/claims/my-claims-page";
import { EmailPreferencesPage } from "../features/email-preferences/email-preferences-page";
import { UnsubscribePage } from "../features/email-preferences/unsubscribe-page";
import { OpportunitiesPage } from "../features/opportunities/opportunities-page";
import { OpportunityPage } from "../features/opportunities/opportunity-page";
import { ProfilePage } from "../features/profile/profile-page";
import { RewardsPage } from "../features/rewards/rewards-page";
import { WalletPage } from "../features/wallet/wallet-page";
import { NotFoundPage } from "./not-found-page";

// Its form checks input with the API's zod schema: zod loads with this page only.
const PayoutsPage = lazy(() => import("../features/payouts/payouts-page").then((module) => ({ default: module.PayoutsPage })));

/** The participant app: browsing is open to anyone, claims, rewards and the profile need a signed-in user. */
export default function ParticipantRoutes() {
  return (
    <Routes>
      <Route index element={<OpportunitiesPage />} />
      <Route path="sign-in" element={<SignInPage />} />
      <Route path="sign-up" element={<SignUpPage />} />
      <Route path="opportunities/:opportunityId" element={<OpportunityPage />} />
      <Route path="claims" element={<RequireAuth><MyClaimsPage /></RequireAuth>} />
      <Route path="claims/:claimId" element={<RequireAuth><ClaimPage /></RequireAuth>} />
      <Route path="rewards" element={<RequireAuth><RewardsPage /></RequireAuth>} />
      <Route path="wallet" element={<RequireAuth><WalletPage /></RequireAuth>} />
      <Route path="payouts" element={<RequireAuth><PayoutsPage /></RequireAuth>} />
      <Route path="profile" element={<RequireAuth><ProfilePage /></RequireAuth>} />
      <Route path="preferences" element={<RequireAuth><EmailPreferencesPage /></RequireAuth>} />
      {/* Opened from an email: no sign-in, the link's signature is what is trusted. */}
      <Route path="unsubscribe/:token" element={<UnsubscribePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
