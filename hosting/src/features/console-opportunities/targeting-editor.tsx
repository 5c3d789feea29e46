import { countries, countryName, languageName, languages, withCodes } from "../../lib/places-and-languages";
import { maxTargetAge, minTargetAge, newDemographic, type DemographicDraft, type TargetingDraft } from "./opportunity-draft";

/**
 * Who may claim: countries, an age range, languages (any one of them) and demographic conditions
 * (for a question id, the answers that qualify). Participants are checked against their profile.
 */
export function TargetingEditor({ value, onChange, problem }: { value: TargetingDraft; onChange: (next: TargetingDraft) => void; problem: (path: string) => string | undefined }) {
  const set = (patch: Partial<TargetingDraft>) => onChange({ ...value, ...patch });
  const setRow = (key: string, patch: Partial<DemographicDraft>) => set({ demographics: value.demographics.map((row) => (row.key === key ? { ...row, ...patch } : row)) });
  return (
    <fieldset>
      <legend>Targeting</legend>
      <p className="muted">Leave a field empty to let everyone in. Participants outside the targeting do not see the opportunity and cannot claim it.</p>
      <label>
        Countries
        <select multiple size={6} value={value.countries} onChange={(e) => set({ countries: [...e.target.selectedOptions].map((o) => o.value) })}>
          {withCodes(countries, value.countries, countryName).map((option) => (
            <option key={option.code} value={option.code}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      {problem("targeting.countries") && <p className="field-error">{problem("targeting.countries")}</p>}
      <div className="row">
        <label>
          Minimum age
          <input type="number" min={minTargetAge} max={maxTargetAge} step={1} value={value.minAge} onChange={(e) => set({ minAge: e.target.value })} />
        </label>
        <label>
          Maximum age
          <input type="number" min={minTargetAge} max={maxTargetAge} step={1} value={value.maxAge} onChange={(e) => set({ maxAge: e.target.value })} />
        </label>
      </div>
      {(problem("targeting.ageRange.min") ?? problem("targeting.ageRange.max")) && <p className="field-error">{problem("targeting.ageRange.min") ?? problem("targeting.ageRange.max")}</p>}
      <label>
        Languages (a participant needs one of them)
        <select multiple size={6} value={value.languages} onChange={(e) => set({ languages: [...e.target.selectedOptions].map((o) => o.value) })}>
          {withCodes(languages, value.languages, languageName).map((option) => (
            <option key={option.code} value={option.code}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">Hold Ctrl (⌘ on a Mac) to pick several countries or languages.</p>
      {value.demographics.map((row, index) => (
        <div className="row" key={row.key}>
          <label>
            Demographic question {index + 1}
            <input value={row.questionId} pattern="[a-z][a-z0-9_]{0,39}" title="lowercase letters, digits and _" placeholder="employment" onChange={(e) => setRow(row.key, { questionId: e.target.value })} />
          </label>
          <label>
            Answers that qualify (comma separated)
            <input value={row.values} placeholder="student, employed" onChange={(e) => setRow(row.key, { values: e.target.value })} />
          </label>
          <button type="button" className="secondary" onClick={() => set({ demographics: value.demographics.filter((r) => r.key !== row.key) })}>
            Remove condition
          </button>
        </div>
      ))}
      {problem("targeting.demographics") && <p className="field-error">{problem("targeting.demographics")}</p>}
      <button type="button" className="secondary" onClick={() => set({ demographics: [...value.demographics, newDemographic()] })}>
        Add a demographic condition
      </button>
    </fieldset>
  );
}
