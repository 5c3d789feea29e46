// Custom headers and metadata are edited as text, one pair a line; the API's own schemas
// (WebhookHeaders, WebhookMetadata) judge what the lines make, so the console refuses what the API would.

/** `Name: value` lines as a record; a line without `separator` is reported by its number. */
export function parseLines(text: string, separator: ":" | "="): { value: Record<string, string> } | { badLine: number } {
  const value: Record<string, string> = {};
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const at = line.indexOf(separator);
    if (at <= 0) return { badLine: index + 1 };
    value[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { value };
}

/** A record as the lines `parseLines` reads back. */
export function formatLines(record: Readonly<Record<string, string>>, separator: ":" | "="): string {
  return Object.entries(record)
    .map(([name, value]) => (separator === ":" ? `${name}: ${value}` : `${name}=${value}`))
    .join("\n");
}
