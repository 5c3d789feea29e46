import { describe, expect, it } from "vitest";
import { smtpMailer, type SmtpSettings } from "../../../src/adapters/mail/smtp-mailer.js";
import { AppError } from "../../../src/domain/app-error.js";
import { eventually, uniqueName } from "../support/local-platform.js";
import { emailsTo, readEmail } from "../support/mailpit.js";

// The SMTP adapter against the local Mailpit: what it sends arrives whole (both bodies, the
// Message-ID and the headers), and a relay it cannot reach is a transient failure.

const mailpitSmtp: SmtpSettings = { host: "127.0.0.1", port: 1025, security: "none", user: "userx", password: "any", from: "User-X <notifications@userx.test>", timeoutMs: 5000 };

describe("smtpMailer", () => {
  it("delivers the text and HTML bodies, the Message-ID and the headers it is given", async () => {
    const to = `${uniqueName("smtp")}@example.test`;
    const messageId = `<${uniqueName("ntf")}@userx.test>`;
    const outcome = await smtpMailer(mailpitSmtp).send({
      to,
      subject: "Grüße aus User-X",
      text: "Plain body",
      html: "<p>HTML <b>body</b></p>",
      messageId,
      headers: { "List-Unsubscribe": "<https://example.test/unsubscribe?t=abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    expect(outcome).toEqual({ kind: "sent" });
    const [summary] = await eventually(async () => {
      const found = await emailsTo(to);
      return found.length > 0 ? found : undefined;
    });
    const email = await readEmail(summary!.ID);
    expect(email.Subject).toBe("Grüße aus User-X");
    expect(email.From.Address).toBe("notifications@userx.test");
    expect(email.Text.trim()).toBe("Plain body");
    expect(email.HTML).toContain("<p>HTML <b>body</b></p>");
    expect(`<${email.MessageID}>`).toBe(messageId);
    expect(email.headers["List-Unsubscribe"]).toEqual(["<https://example.test/unsubscribe?t=abc>"]);
    expect(email.headers["List-Unsubscribe-Post"]).toEqual(["List-Unsubscribe=One-Click"]);
  });

  it("reports a relay it cannot reach as unavailable, to be retried", async () => {
    // Port 9 (discard) is closed on loopback: the connection is refused at once.
    const mailer = smtpMailer({ ...mailpitSmtp, port: 9 });
    const failure = await mailer.send({ to: "nobody@example.test", subject: "s", text: "t", html: "<p>t</p>", messageId: "<x@userx.test>", headers: {} }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe("unavailable");
  });
});
