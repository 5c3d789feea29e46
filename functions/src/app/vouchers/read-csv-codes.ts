import { parse } from "csv-parse";

/** A code as a file or list gives it, with the line it came from (for the report of invalid rows). */
export interface CodeRow {
  line: number;
  code: string;
  expiresAt?: string;
}

/**
 * The rows of CSV text whose header names a `code` column (and optionally `expiresAt`), parsed as
 * a stream: rows are handed on as they are read, so the import stores them a batch at a time.
 */
export async function* readCsvCodes(csv: string): AsyncGenerator<CodeRow> {
  const parser = parse(csv, { columns: (header: string[]) => header.map((name) => name.trim()), skip_empty_lines: true, trim: true, relax_column_count: true, info: true, bom: true });
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string | undefined>; info: { lines: number } }>) {
    const code = record["code"] ?? "";
    const expiresAt = record["expiresAt"];
    yield { line: info.lines, code, ...(expiresAt ? { expiresAt } : {}) };
  }
}
