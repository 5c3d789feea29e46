import { AppError } from "../../../src/domain/app-error.js";
import type { Notification } from "../../../src/domain/notifications/notification.js";
import type { EmailDirectory } from "../../../src/ports/email-directory.js";
import type { EmailMessage, MailOutcome, Mailer } from "../../../src/ports/mailer.js";
import type { NotificationLog } from "../../../src/ports/notification-log.js";

export class InMemoryNotificationLog implements NotificationLog {
  readonly records = new Map<string, Notification>();

  async find(id: string) {
    const found = this.records.get(id);
    return found ? structuredClone(found) : null;
  }

  async claim(notification: Notification) {
    if (this.records.has(notification.id)) return false;
    this.records.set(notification.id, structuredClone(notification));
    return true;
  }

  async takeOver(id: string, staleClaimedAt: Date, now: Date) {
    const found = this.records.get(id);
    if (!found || found.state !== "sending" || found.claimedAt.getTime() !== staleClaimedAt.getTime()) return false;
    this.records.set(id, { ...found, claimedAt: now, attempts: found.attempts + 1 });
    return true;
  }

  async settle(id: string, state: Exclude<Notification["state"], "sending">, at: Date, detail: string | null) {
    const found = this.records.get(id);
    if (found?.state === "sending") this.records.set(id, { ...found, state, settledAt: at, detail });
  }
}

/** Keeps what it is asked to send; `failNext` makes the next sends fail as an unreachable relay would. */
export class RecordingMailer implements Mailer {
  readonly sent: EmailMessage[] = [];
  failNext = 0;

  async send(message: EmailMessage): Promise<MailOutcome> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new AppError("unavailable", "the email provider is unavailable");
    }
    this.sent.push(message);
    return { kind: "sent" };
  }
}

export class FakeEmailDirectory implements EmailDirectory {
  private readonly addresses = new Map<string, string>();

  verify(identityKey: string, address: string): void {
    this.addresses.set(identityKey, address);
  }

  async verifiedAddressOf(identityKey: string) {
    return this.addresses.get(identityKey);
  }
}
