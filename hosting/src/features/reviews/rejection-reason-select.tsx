import type { ReactNode } from "react";
import { rejectionReasonLabels, reviewerRejectionReasons } from "../../lib/contract-values";

export type ReviewerReason = (typeof reviewerRejectionReasons)[number];

/** The reasons a reviewer picks from, under `label` (visible, or for screen readers only). */
export function RejectionReasonSelect({ label, value, onChange }: { label: ReactNode; value: ReviewerReason; onChange: (reason: ReviewerReason) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as ReviewerReason)}>
        {reviewerRejectionReasons.map((code) => (
          <option key={code} value={code}>
            {rejectionReasonLabels[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
