import { AppError } from "../../../src/domain/app-error.js";
import type { FaultInjector } from "../../../src/ports/fault-injector.js";
import type { HandledEvent, Inbox } from "../../../src/ports/inbox.js";

export class InMemoryInbox implements Inbox {
  readonly handled = new Map<string, HandledEvent>();
  down = false;

  async has(consumer: string, eventId: string) {
    this.failIfDown();
    return this.handled.has(`${consumer}:${eventId}`);
  }

  async record(handled: HandledEvent) {
    this.failIfDown();
    const id = `${handled.consumer}:${handled.eventId}`;
    if (!this.handled.has(id)) this.handled.set(id, structuredClone(handled));
  }

  async handledOf(consumer: string, eventIds: readonly string[]) {
    this.failIfDown();
    return new Set(eventIds.filter((eventId) => this.handled.has(`${consumer}:${eventId}`)));
  }

  private failIfDown() {
    if (this.down) throw new AppError("unavailable", "the database is unavailable; try again");
  }
}

/** Faults armed by point, as the chaos suite arms them in the database. */
export class ArmedFaults implements FaultInjector {
  readonly remaining = new Map<string, number>();

  async failIfInjected(point: string) {
    const left = this.remaining.get(point) ?? 0;
    if (left === 0) return;
    this.remaining.set(point, left - 1);
    throw new AppError("unavailable", `fault injected at ${point}`);
  }
}
