import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PayoutDetails } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { PayoutDetailsIn } from "../../../../functions/src/contracts/payouts";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

/** Where the participant's cash rewards are paid: loaded, then edited in a form checked with the API's own schema. */
export function PayoutDetailsSection() {
  const details = useQuery({ queryKey: queryKeys.payoutDetails, queryFn: ({ signal }) => api.payouts.getDetails(undefined, { signal }) });
  return (
    <section aria-labelledby="payout-details-heading">
      <h2 id="payout-details-heading">Payout details</h2>
      <p className="muted">Cash rewards are sent by email to this address; you then choose how to receive them (PayPal, bank transfer or a gift card). Only you see it.</p>
      {details.isPending ? (
        <Loading label="Loading your payout details…" />
      ) : details.isError ? (
        <ProblemAlert error={details.error} title="Your payout details could not be loaded" />
      ) : (
        <PayoutDetailsForm details={details.data} />
      )}
    </section>
  );
}

function PayoutDetailsForm({ details }: { details: PayoutDetails }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(details.name ?? "");
  const [email, setEmail] = useState(details.email ?? "");
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (given: PayoutDetailsIn) => api.payouts.setDetails(given),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.payoutDetails, saved);
      // Payouts that waited for details are sent now.
      await queryClient.invalidateQueries({ queryKey: queryKeys.myPayouts });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = PayoutDetailsIn.safeParse({ name, email });
    if (!parsed.success) {
      setInvalid(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.path[0] === "email" ? "Enter an email address" : "Enter your name"])));
      return;
    }
    setInvalid({});
    save.mutate(parsed.data);
  };
  const problemAt = (field: "name" | "email") => invalid[field] ?? fieldProblem(save.error, `body.${field}`);

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Payout details" noValidate>
      <label>
        Name
        <input value={name} maxLength={80} autoComplete="name" onChange={(e) => setName(e.target.value)} aria-invalid={problemAt("name") ? true : undefined} />
      </label>
      {problemAt("name") && <p className="field-error">{problemAt("name")}</p>}
      <label>
        Payout email
        <input type="email" value={email} maxLength={254} autoComplete="email" onChange={(e) => setEmail(e.target.value)} aria-invalid={problemAt("email") ? true : undefined} />
      </label>
      {problemAt("email") && <p className="field-error">{problemAt("email")}</p>}
      <ProblemAlert error={save.error} title="Your payout details could not be saved" />
      <button type="submit" disabled={save.isPending}>
        Save payout details
      </button>
      {save.isSuccess && (
        <p role="status" className="success">
          Saved.
        </p>
      )}
    </form>
  );
}
