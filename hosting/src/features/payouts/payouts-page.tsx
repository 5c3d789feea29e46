import { Page } from "../../components/page";
import { MyPayoutsList } from "./my-payouts-list";
import { PayoutDetailsSection } from "./payout-details-form";

/** The participant's payouts and where they are paid (/payouts); both sections stand alone, for the wallet page to compose. */
export function PayoutsPage() {
  return (
    <Page title="Payouts">
      <PayoutDetailsSection />
      <MyPayoutsList />
    </Page>
  );
}
