import type { PointsEntryOut } from "../../contracts/rewards.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { PointsLedger } from "../../ports/points-ledger.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { presentPointsEntry } from "./present-points-entry.js";

/** The caller's own ledger entries, newest first, by cursor. */
export async function listPointsEntries(deps: { ledger: PointsLedger }, principal: Principal, query: { limit: number; cursor?: string | undefined }): Promise<{ data: PointsEntryOut[]; nextCursor: string | null }> {
  const userId = requireUser(principal);
  const page = decodePageRequest(query);
  return toPage(await deps.ledger.listEntries(userId, page), page.order, presentPointsEntry);
}
