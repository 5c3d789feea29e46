import { z } from "zod";
import { platformEnv } from "./local-platform.js";

// The local Mailpit's HTTP API (https://mailpit.axllent.org/docs/api-v1/): what the tests read of the
// emails the platform sent.

const Address = z.object({ Name: z.string(), Address: z.string() });
const MessageSummary = z.looseObject({ ID: z.string(), MessageID: z.string(), Subject: z.string(), To: z.array(Address) });
const SearchResult = z.looseObject({ total: z.number(), messages_count: z.number(), messages: z.array(MessageSummary) });
const Message = z.looseObject({ ID: z.string(), MessageID: z.string(), Subject: z.string(), Text: z.string(), HTML: z.string(), To: z.array(Address), From: Address });
const Headers = z.record(z.string(), z.array(z.string()));

export type MailpitSummary = z.infer<typeof MessageSummary>;
export type MailpitMessage = z.infer<typeof Message> & { headers: Record<string, string[]> };

async function get(path: string): Promise<unknown> {
  const response = await fetch(`${platformEnv("MAILPIT_URL")}${path}`);
  if (!response.ok) throw new Error(`Mailpit ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Every email Mailpit holds for `address`, newest first. */
export async function emailsTo(address: string): Promise<MailpitSummary[]> {
  const result = SearchResult.parse(await get(`/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=200`));
  return result.messages;
}

/** One email in full: its bodies and every header. */
export async function readEmail(id: string): Promise<MailpitMessage> {
  const message = Message.parse(await get(`/api/v1/message/${encodeURIComponent(id)}`));
  const headers = Headers.parse(await get(`/api/v1/message/${encodeURIComponent(id)}/headers`));
  return { ...message, headers };
}
