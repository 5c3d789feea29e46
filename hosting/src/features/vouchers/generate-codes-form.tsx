import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

/** Generates codes from a pattern (`#` a digit, `?` a character of the charset) on the server, from a cryptographic source. */
export function GenerateCodesForm({ orgId, poolId }: { orgId: string; poolId: string }) {
  const queryClient = useQueryClient();
  const [count, setCount] = useState("100");
  const [pattern, setPattern] = useState("????-????");
  const [prefix, setPrefix] = useState("");
  const generate = useMutation({
    mutationFn: () => api.vouchers.generateCodes({ orgId, poolId, count: Number(count), pattern, ...(prefix ? { prefix } : {}) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.voucherPool(orgId, poolId) }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    generate.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="generate-title">
      <h2 id="generate-title">Generate codes</h2>
      <div className="row">
        <label>
          How many
          <input type="number" required min={1} max={100_000} value={count} onChange={(e) => setCount(e.target.value)} />
        </label>
        <label>
          Pattern <span className="muted"># a digit, ? a letter or digit</span>
          <input required maxLength={64} value={pattern} onChange={(e) => setPattern(e.target.value)} aria-invalid={fieldProblem(generate.error, "body.pattern") ? true : undefined} />
        </label>
        <label>
          Prefix
          <input maxLength={16} value={prefix} onChange={(e) => setPrefix(e.target.value)} />
        </label>
      </div>
      {generate.data && (
        <p role="status" data-testid="generate-result">
          {generate.data.added.toLocaleString()} codes generated; {generate.data.stock.available.toLocaleString()} left in the pool.
        </p>
      )}
      <ProblemAlert error={generate.error} title="The codes could not be generated" />
      <button type="submit" disabled={generate.isPending}>
        Generate
      </button>
    </form>
  );
}
