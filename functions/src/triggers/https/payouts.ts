import { getPayoutDetails, listMyPayouts } from "../../app/payouts/read-payouts.js";
import { savePayoutDetails } from "../../app/payouts/save-payout-details.js";
import { payoutRoutes as routes } from "../../contracts/payouts.js";
import { getDeps } from "../../deps.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

// The organization's payouts are served by the organizations function, which owns /v1/organizations/**.
export const handle = apiRouter([
  bind(routes.getPayoutDetails, ({ principal }) => getPayoutDetails(getDeps(), principal)),
  bind(routes.setPayoutDetails, ({ principal, body }) => savePayoutDetails(getDeps(), principal, body)),
  bind(routes.listMyPayouts, ({ principal, query }) => listMyPayouts(getDeps(), principal, query)),
]);
