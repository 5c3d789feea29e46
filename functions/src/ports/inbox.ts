/** One event a consumer has handled, and how. */
export interface HandledEvent {
  consumer: string;
  eventId: string;
  eventType: string;
  /** What the consumer did, as it logged it; `failed:<code>` for an event it could never handle. */
  outcome: string;
  handledAt: Date;
}

/**
 * What each consumer has handled, keyed by consumer and event id: a redelivered event is found
 * here and skipped, and an event the log holds but no record here names was never handled.
 */
export interface Inbox {
  has(consumer: string, eventId: string): Promise<boolean>;
  /** Records a handled event; recording one again changes nothing. */
  record(handled: HandledEvent): Promise<void>;
  /** Of `eventIds`, those the consumer has handled. */
  handledOf(consumer: string, eventIds: readonly string[]): Promise<Set<string>>;
}
