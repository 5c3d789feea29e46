import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";
import { chunksOf } from "./code-file";

interface Totals {
  added: number;
  duplicates: number;
  invalid: number;
  examples: string[];
}

/** Imports a CSV or JSON file of codes a chunk at a time, with a progress bar over the chunks sent. */
export function ImportCodesForm({ orgId, poolId }: { orgId: string; poolId: string }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ done: number; of: number } | null>(null);
  const [totals, setTotals] = useState<Totals | null>(null);
  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      const chunks = chunksOf(chosen.name, await chosen.text());
      const sum: Totals = { added: 0, duplicates: 0, invalid: 0, examples: [] };
      setProgress({ done: 0, of: chunks.length });
      for (const [i, chunk] of chunks.entries()) {
        const result = await api.vouchers.importCodes({ orgId, poolId, ...chunk });
        sum.added += result.added;
        sum.duplicates += result.duplicates.count;
        sum.invalid += result.invalid.count;
        sum.examples.push(...result.duplicates.examples.slice(0, 10 - sum.examples.length));
        setProgress({ done: i + 1, of: chunks.length });
        setTotals({ ...sum });
      }
      return sum;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.voucherPool(orgId, poolId) }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="import-title">
      <h2 id="import-title">Import codes</h2>
      <label>
        A CSV file with a <code>code</code> column (and optionally <code>expiresAt</code>), or a JSON list
        <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      {progress && (
        <progress max={progress.of} value={progress.done} aria-label="Import progress">
          {progress.done} of {progress.of}
        </progress>
      )}
      {totals && (
        <p role="status" data-testid="import-result">
          {totals.added.toLocaleString()} added, {totals.duplicates.toLocaleString()} already in the pool
          {totals.examples.length > 0 && ` (${totals.examples.join(", ")}${totals.duplicates > totals.examples.length ? ", …" : ""})`}, {totals.invalid.toLocaleString()} rows that were no code.
        </p>
      )}
      <ProblemAlert error={upload.error} title="The codes could not all be imported" />
      <button type="submit" disabled={!file || upload.isPending}>
        Import
      </button>
    </form>
  );
}
