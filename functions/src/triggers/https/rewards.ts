import { listPointsEntries } from "../../app/points/list-points-entries.js";
import { getPointsBalance, listRewards } from "../../app/rewards/read-rewards.js";
import { rewardRoutes as routes } from "../../contracts/rewards.js";
import { getDeps } from "../../deps.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

export const handle = apiRouter([
  bind(routes.listRewards, ({ principal, query }) => listRewards(getDeps(), principal, query)),
  bind(routes.getPointsBalance, ({ principal }) => getPointsBalance(getDeps(), principal)),
  bind(routes.listPointsEntries, ({ principal, query }) => listPointsEntries(getDeps(), principal, query)),
]);
