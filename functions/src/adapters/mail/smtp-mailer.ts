import nodemailer from "nodemailer";
import { AppError } from "../../domain/app-error.js";
import type { EmailMessage, MailOutcome, Mailer } from "../../ports/mailer.js";

/** How the SMTP relay is reached: `tls` from the first byte (465), `starttls` required (587), or `none` (Mailpit on loopback only). */
export interface SmtpSettings {
  host: string;
  port: number;
  security: "tls" | "starttls" | "none";
  user: string;
  password: string;
  from: string;
  timeoutMs: number;
}

/**
 * The Mailer over SMTP (nodemailer). One pooled transport per instance: a burst of events reuses
 * its connections rather than opening one per email. An SMTP reply in the 5xx range is the relay's
 * final word on that email (`refused`); anything else that fails (no connection, a 4xx, a timeout)
 * is transient and thrown as `unavailable`, for the subscriber's redelivery to retry.
 */
export function smtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === "tls",
    requireTLS: settings.security === "starttls",
    ignoreTLS: settings.security === "none",
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
    pool: true,
    maxConnections: 2,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  return {
    async send(message: EmailMessage): Promise<MailOutcome> {
      try {
        await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: { ...message.headers },
        });
        return { kind: "sent" };
      } catch (error) {
        const responseCode = (error as { responseCode?: unknown }).responseCode;
        if (typeof responseCode === "number" && responseCode >= 500) {
          return { kind: "refused", detail: `${responseCode} ${(error as Error).message}` };
        }
        throw new AppError("unavailable", "the email provider is unavailable", undefined, { cause: error });
      }
    },
  };
}
