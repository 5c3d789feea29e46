import { eventTypes } from "../../lib/contract-values";

/** The event types an endpoint subscribes to, as checkboxes. */
export function EventTypeChoices({ selected, onChange }: { selected: readonly string[]; onChange: (next: string[]) => void }) {
  const toggle = (type: string) => onChange(selected.includes(type) ? selected.filter((t) => t !== type) : [...selected, type]);
  return (
    <fieldset>
      <legend>Event types</legend>
      <div className="choices">
        {eventTypes.map((type) => (
          <label key={type} className="choice">
            <input type="checkbox" checked={selected.includes(type)} onChange={() => toggle(type)} />
            <code>{type}</code>
          </label>
        ))}
      </div>
      {selected.length === 0 && <p className="muted">Choose at least one.</p>}
    </fieldset>
  );
}
