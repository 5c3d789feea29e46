import type { Redemption } from "@user-x/sdk";
import { CopyButton } from "../../components/copy-button";
import { formatDateTime } from "../../lib/format";

/** A code the participant received for points, with how to use it. */
export function RedeemedVoucher({ voucher }: { voucher: NonNullable<Redemption["voucher"]> }) {
  return (
    <div className="voucher" data-testid="voucher">
      <p>
        <code className="break">{voucher.code}</code> <CopyButton value={voucher.code} label="Copy code" />
      </p>
      {voucher.redemptionInstructions && <p>{voucher.redemptionInstructions}</p>}
      {voucher.expiresAt && <p className="muted">Valid until {formatDateTime(voucher.expiresAt)}</p>}
    </div>
  );
}
