// A file of voucher codes as the console reads it before sending it in chunks: JSON (a list of
// codes, of {code, expiresAt} objects, or {codes: [...]}) or CSV whose header names a `code`
// column. CSV is cut at line ends and every chunk carries the header; codes hold no line breaks.

export type CodeChunk = { codes: { code: string; expiresAt?: string }[] } | { csv: string };

/** The rows a request carries: the API takes up to 100,000, the console sends fewer so its progress bar moves. */
export const rowsPerChunk = 5_000;

export function chunksOf(fileName: string, text: string): CodeChunk[] {
  return fileName.toLowerCase().endsWith(".json") ? jsonChunks(text) : csvChunks(text);
}

function jsonChunks(text: string): CodeChunk[] {
  const parsed: unknown = JSON.parse(text);
  const list = Array.isArray(parsed) ? parsed : typeof parsed === "object" && parsed !== null && "codes" in parsed && Array.isArray(parsed.codes) ? parsed.codes : null;
  if (!list) throw new Error("a JSON file holds a list of codes, or an object with a `codes` list");
  const rows = list.map((row: unknown) => (typeof row === "string" ? { code: row } : (row as { code: string; expiresAt?: string })));
  const chunks: CodeChunk[] = [];
  for (let start = 0; start < rows.length; start += rowsPerChunk) chunks.push({ codes: rows.slice(start, start + rowsPerChunk) });
  return chunks;
}

function csvChunks(text: string): CodeChunk[] {
  const [header, ...rows] = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (!header) throw new Error("the CSV file is empty");
  const chunks: CodeChunk[] = [];
  for (let start = 0; start < rows.length; start += rowsPerChunk) chunks.push({ csv: [header, ...rows.slice(start, start + rowsPerChunk)].join("\n") });
  return chunks;
}
