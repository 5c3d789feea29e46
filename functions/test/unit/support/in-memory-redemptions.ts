import type { Redemption } from "../../../src/domain/redemptions/redemption.js";
import type { RedemptionOffer } from "../../../src/domain/redemptions/redemption-offer.js";
import type { PageRequest } from "../../../src/ports/page.js";
import type { RedemptionOfferRepository, RedemptionRepository } from "../../../src/ports/redemption-repository.js";
import { InMemoryAggregateStore, pageOf } from "./in-memory-repositories.js";

export class InMemoryRedemptionOfferRepository extends InMemoryAggregateStore<RedemptionOffer> implements RedemptionOfferRepository {
  async listByOrg(orgId: string, page: PageRequest) {
    return pageOf(this.table.all().filter((offer) => offer.orgId === orgId), page);
  }

  async listActive(page: PageRequest) {
    return pageOf(this.table.all().filter((offer) => offer.active), page);
  }
}

export class InMemoryRedemptionRepository extends InMemoryAggregateStore<Redemption> implements RedemptionRepository {
  constructor() {
    super({ uniqueKeys: [(redemption) => redemption.key] });
  }

  async findByKey(key: string) {
    return this.table.all().find((redemption) => redemption.key === key) ?? null;
  }

  async listByUser(userId: string, page: PageRequest) {
    return pageOf(this.table.all().filter((redemption) => redemption.userId === userId), page);
  }

  async listPendingBefore(before: Date, limit: number) {
    return this.table
      .all()
      .filter((redemption) => redemption.status === "pending" && redemption.createdAt < before)
      .slice(0, limit);
  }
}
