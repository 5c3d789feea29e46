import { Route, Routes } from "react-router";
import { RequireAuth } from "../components/require-auth";
import { ApiKeysPage } from "../features/api-keys/api-keys-page";
import { SignInProvidersPage } from "../features/sign-in-providers/sign-in-providers-page";
import { ConsoleOpportunitiesPage } from "../features/console-opportunities/console-opportunities-page";
import { ConsoleOpportunityPage } from "../features/console-opportunities/console-opportunity-page";
import { NewOpportunityPage } from "../features/console-opportunities/new-opportunity-page";
import { ConsoleHomePage } from "../features/organizations/console-home-page";
import { ConsoleShell } from "../features/organizations/console-shell";
import { MembersPage } from "../features/organizations/members-page";
import { AuditLogPage } from "../features/audit/audit-log-page";
import { MonthlyBudgetsPage } from "../features/budgets/monthly-budgets-page";
import { ConsolePayoutsPage } from "../features/payouts/console-payouts-page";
import { RedemptionOffersPage } from "../features/redemptions/redemption-offers-page";
import { ReviewQueuePage } from "../features/reviews/review-queue-page";
import { VoucherPoolPage } from "../features/vouchers/voucher-pool-page";
import { VoucherPoolsPage } from "../features/vouchers/voucher-pools-page";
import { AdjustPointsPage } from "../features/wallet/adjust-points-page";
import { EventCatalogPage } from "../features/webhooks/event-catalog-page";
import { WebhookEndpointPage } from "../features/webhooks/webhook-endpoint-page";
import { WebhooksPage } from "../features/webhooks/webhooks-page";
import { OrgChoiceProvider } from "../lib/current-org";
import { NotFoundPage } from "./not-found-page";

/** The organization console: every page works on the organization chosen in its shell. */
export default function ConsoleRoutes() {
  return (
    <RequireAuth>
      <OrgChoiceProvider>
        <Routes>
          <Route element={<ConsoleShell />}>
            <Route index element={<ConsoleHomePage />} />
            <Route path="opportunities" element={<ConsoleOpportunitiesPage />} />
            <Route path="opportunities/new" element={<NewOpportunityPage />} />
            <Route path="opportunities/:opportunityId" element={<ConsoleOpportunityPage />} />
            <Route path="reviews" element={<ReviewQueuePage />} />
            <Route path="payouts" element={<ConsolePayoutsPage />} />
            <Route path="budgets" element={<MonthlyBudgetsPage />} />
            <Route path="webhooks" element={<WebhooksPage />} />
            <Route path="webhooks/event-types" element={<EventCatalogPage />} />
            <Route path="webhooks/:endpointId" element={<WebhookEndpointPage />} />
            <Route path="vouchers" element={<VoucherPoolsPage />} />
            <Route path="vouchers/:poolId" element={<VoucherPoolPage />} />
            <Route path="redemptions" element={<RedemptionOffersPage />} />
            <Route path="api-keys" element={<ApiKeysPage />} />
            <Route path="members" element={<MembersPage />} />
            <Route path="sign-in-providers" element={<SignInProvidersPage />} />
            <Route path="audit" element={<AuditLogPage />} />
            <Route path="points" element={<AdjustPointsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </OrgChoiceProvider>
    </RequireAuth>
  );
}
