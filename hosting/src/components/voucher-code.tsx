import { formatDateTime } from "../lib/format";
import { CopyButton } from "./copy-button";

/** A voucher code the participant holds (a reward's or one bought with points), with how to use it. */
export function VoucherCode({ voucher }: { voucher: { code: string; expiresAt: string | null; redemptionInstructions: string } }) {
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
