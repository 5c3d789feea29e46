import { open } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** One structured entry a function wrote through the firebase-functions logger. */
export interface FunctionLogEntry {
  severity: string;
  message: string;
  [field: string]: unknown;
}

const platformLog = fileURLToPath(new URL("../../../../.local/logs/firebase.log", import.meta.url));

/**
 * What the functions have logged so far, as the local platform records it: the Functions emulator
 * prints each structured entry as JSON on a line of its own after `>  `, and tools/platform.mjs
 * writes that output to .local/logs/firebase.log. Reads only what was appended since the last call.
 */
export function functionLog(path = platformLog) {
  const entries: FunctionLogEntry[] = [];
  let offset = 0;
  return {
    async entries(): Promise<readonly FunctionLogEntry[]> {
      const file = await open(path).catch((error: unknown) => {
        throw new Error(`cannot read the functions' log ${path}: run the integration tier through \`npm test\``, { cause: error });
      });
      try {
        const { size } = await file.stat();
        if (size < offset) throw new Error(`${path} shrank: the platform was restarted during the test`);
        const appended = Buffer.alloc(size - offset);
        await file.read(appended, 0, appended.length, offset);
        // A line still being written is left for the next call.
        const complete = appended.lastIndexOf(0x0a) + 1;
        offset += complete;
        for (const line of appended.subarray(0, complete).toString("utf8").split("\n")) {
          const entry = parseEntry(line);
          if (entry) entries.push(entry);
        }
      } finally {
        await file.close();
      }
      return entries;
    },
  };
}

function parseEntry(line: string): FunctionLogEntry | undefined {
  const start = line.indexOf(">  {");
  if (start < 0) return undefined;
  try {
    const entry: unknown = JSON.parse(line.slice(start + 3));
    const isEntry = typeof entry === "object" && entry !== null && "message" in entry && typeof entry.message === "string";
    return isEntry ? (entry as FunctionLogEntry) : undefined;
  } catch {
    return undefined; // a line a function printed itself that merely starts with "{"
  }
}
