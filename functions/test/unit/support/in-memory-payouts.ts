import type { Payout } from "../../../src/domain/payouts/payout.js";
import type { PayoutDetails } from "../../../src/domain/payouts/payout-details.js";
import type { PageRequest } from "../../../src/ports/page.js";
import type { PayoutOrder, PayoutProvider, ProviderDelivery, ProviderNotification, SendOutcome } from "../../../src/ports/payout-provider.js";
import type { PayoutRepository } from "../../../src/ports/payout-repository.js";
import { AppError } from "../../../src/domain/app-error.js";
import { InMemoryAggregateStore, pageOf } from "./in-memory-repositories.js";

export class InMemoryPayoutRepository extends InMemoryAggregateStore<Payout> implements PayoutRepository {
  constructor() {
    super({ uniqueKeys: [(payout) => payout.rewardId] });
  }

  async findByReward(rewardId: string) {
    return this.table.all().find((p) => p.rewardId === rewardId) ?? null;
  }

  async listByUser(userId: string, page: PageRequest) {
    return pageOf(this.table.all().filter((p) => p.userId === userId), page);
  }

  async listByOrganization(orgId: string, filter: { status?: Payout["status"] }, page: PageRequest) {
    return pageOf(this.table.all().filter((p) => p.orgId === orgId && (filter.status === undefined || p.status === filter.status)), page);
  }

  async listStalled(before: Date, limit: number) {
    return this.table
      .all()
      .filter((p) => (p.status === "pending" || p.status === "processing") && p.updatedAt < before)
      .slice(0, limit);
  }

  async listWaitingForDetails(userId: string) {
    return this.table.all().filter((p) => p.userId === userId && p.status === "pending" && p.recipient === null);
  }
}

export class InMemoryPayoutDetailsRepository extends InMemoryAggregateStore<PayoutDetails> {}

/**
 * A provider scripted per call: each `send` takes the next answer (`unavailable` throws as the
 * adapter does), and orders are kept by idempotency key as the real provider keeps them, so a
 * repeated key answers the first order.
 */
export class ScriptedPayoutProvider implements PayoutProvider {
  readonly orders = new Map<string, { orderId: string; delivery: ProviderDelivery; order: PayoutOrder }>();
  readonly sent: PayoutOrder[] = [];
  script: Array<"unavailable" | "refused" | "accept" | "accept_then_unavailable"> = [];
  deliveryOnAccept: ProviderDelivery = "processing";
  validSignature = "good";

  async send(order: PayoutOrder): Promise<SendOutcome> {
    this.sent.push(order);
    const step = this.script.shift() ?? "accept";
    if (step === "unavailable") throw new AppError("unavailable", "scripted outage");
    if (step === "refused") return { kind: "refused", detail: "scripted refusal" };
    const existing = this.orders.get(order.idempotencyKey);
    const kept = existing ?? { orderId: `order-${this.orders.size + 1}`, delivery: this.deliveryOnAccept, order };
    this.orders.set(order.idempotencyKey, kept);
    if (step === "accept_then_unavailable") throw new AppError("unavailable", "scripted timeout after accepting");
    return { kind: "accepted", orderId: kept.orderId, delivery: kept.delivery };
  }

  verifyNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderNotification | null {
    if (headers["signature"] !== this.validSignature) return null;
    return { event: "REWARDS.DELIVERY", resourceId: rawBody.toString("utf8") };
  }

  async deliveryOf(notification: ProviderNotification) {
    const entry = [...this.orders.entries()].find(([, order]) => order.orderId === notification.resourceId);
    return entry ? { idempotencyKey: entry[0], orderId: entry[1].orderId, delivery: entry[1].delivery } : null;
  }

  /** The provider finishes an order, as its delivery would. */
  deliver(idempotencyKey: string, delivery: ProviderDelivery): string {
    const order = this.orders.get(idempotencyKey);
    if (!order) throw new Error(`no order ${idempotencyKey}`);
    order.delivery = delivery;
    return order.orderId;
  }
}
