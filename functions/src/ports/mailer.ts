/** One email as the platform sends it: both a text and an HTML body, and the headers it needs (List-Unsubscribe …). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The Message-ID, derived from what the email is about, so a receiver can tell a repeat from a new email. */
  messageId: string;
  headers: Readonly<Record<string, string>>;
}

/**
 * What sending came to: `sent` once the provider accepted the email, `refused` when it never will
 * (the address rejected for good, a 5xx). A transient failure (unreachable, a 4xx, a timeout)
 * throws AppError `unavailable`, to be retried.
 */
export type MailOutcome = { kind: "sent" } | { kind: "refused"; detail: string };

/** The email provider (an SMTP relay in production; Mailpit locally). SMTP has no idempotency key: callers make sending once their own concern. */
export interface Mailer {
  send(message: EmailMessage): Promise<MailOutcome>;
}
