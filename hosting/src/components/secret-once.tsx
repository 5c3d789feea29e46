import { CopyButton } from "./copy-button";

/** A secret the API returns once: shown with a copy button and a plain warning, then never again. */
export function SecretOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  return (
    <section className="secret" aria-labelledby="secret-title">
      <h2 id="secret-title">{label}</h2>
      <p>
        <strong>Copy it now: you will not see it again.</strong> User-X keeps no readable copy.
      </p>
      <p className="secret-value">
        <code>{value}</code>
      </p>
      <p>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </p>
      <button type="button" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}
