import { useMutation } from "@tanstack/react-query";
import type { Organization } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { signedPoints } from "./points-entry-label";

/** The console's manual points correction: owners and admins credit or debit a participant the organization paid, with a reason. */
export function AdjustPointsPage() {
  return <WithOrg>{(org) => <AdjustPointsForm org={org} />}</WithOrg>;
}

function AdjustPointsForm({ org }: { org: Organization }) {
  const [userId, setUserId] = useState("");
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const adjust = useMutation({
    mutationFn: () => api.rewards.adjustPoints({ orgId: org.id, userId: userId.trim(), points: Number(points), reason }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    adjust.mutate();
  };
  return (
    <Page title="Adjust points">
      <p className="muted">
        Credit or debit points of a participant who earned points from {org.name}. A debit never takes their balance below zero. The participant sees the reason in their wallet.
      </p>
      <form className="form" onSubmit={onSubmit} aria-label="Adjust points">
        <label>
          Participant's user id
          <input required pattern="usr_[0-9A-Za-z]{16,32}" value={userId} onChange={(e) => setUserId(e.target.value)} />
        </label>
        <label>
          Points (negative to debit)
          <input required type="number" step={1} value={points} onChange={(e) => setPoints(e.target.value)} />
        </label>
        <label>
          Reason
          <textarea required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <ProblemAlert error={adjust.error} title="The points could not be adjusted" />
        <button type="submit" disabled={adjust.isPending}>
          Adjust
        </button>
        {adjust.isSuccess && (
          <p role="status" className="success">
            {signedPoints(adjust.data.points)} points for {adjust.data.userId}: their balance is now {adjust.data.balanceAfter}.
          </p>
        )}
      </form>
    </Page>
  );
}
