import type { EventOf } from "../../contracts/events.js";
import type { Organization } from "../../domain/organizations/organization.js";
import type { AdminEmailEvent } from "../../domain/notifications/categories.js";
import type { EmailContent } from "../../domain/notifications/render-email.js";

/** The roles that run an organization's integration, and are emailed when its webhooks fail. */
const adminRoles = new Set(["owner", "admin"]);

/** The users an organization's operational emails go to: its owners and admins, each once. */
export function adminRecipientsOf(organization: Organization): string[] {
  return [...new Set(organization.members.filter((member) => adminRoles.has(member.role)).map((member) => member.userId))];
}

export interface AdminEmailFacts {
  organization: string;
  endpointUrl: string;
  consoleUrl: string;
}

/** The email to an admin about their organization's webhook endpoint failing or disabled. */
export function adminEmailContentOf(event: EventOf<AdminEmailEvent>, facts: AdminEmailFacts): EmailContent {
  const { organization, endpointUrl: url } = facts;
  const consoleLink = { key: "admin.console", values: { url: facts.consoleUrl } } as const;
  const footer = { key: "admin.footer", values: { organization } } as const;
  switch (event.type) {
    case "endpoint.disabled.v1": {
      const values = { organization, url, reason: event.data.reason };
      return { subject: { key: "endpoint.disabled.subject", values }, paragraphs: [{ key: "endpoint.disabled.body", values }, consoleLink], footer };
    }
    case "message.attempt.failing.v1": {
      const values = { organization, url, eventType: event.data.eventType, attempts: event.data.attempts, lastStatus: event.data.lastStatus === null ? "none" : String(event.data.lastStatus) };
      return { subject: { key: "message.failing.subject", values }, paragraphs: [{ key: "message.failing.body", values }, consoleLink], footer };
    }
  }
}
