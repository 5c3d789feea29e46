import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Profile, ProfilePatch } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { Page } from "../../components/page";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { emailLocales } from "../../lib/contract-values";
import { countries, countryName, languageName, languages, withCodes } from "../../lib/places-and-languages";
import { queryKeys } from "../../lib/query-keys";

/**
 * The participant's profile: what opportunities' targeting is checked against. `?question=<id>`
 * (from an opportunity whose targeting asks it) opens a row for that demographic answer.
 */
export function ProfilePage() {
  const profile = useQuery({ queryKey: queryKeys.profile, queryFn: ({ signal }) => api.me.get(undefined, { signal }) });
  return (
    <Page title="Your profile">
      <p className="muted">Opportunities can be meant for some participants only (a country, an age, a language, an answer). We check your profile when you claim. Only you see it.</p>
      {profile.isPending ? <Loading label="Loading your profile…" /> : profile.isError ? <ProblemAlert error={profile.error} title="Your profile could not be loaded" /> : <ProfileForm profile={profile.data} />}
    </Page>
  );
}

interface AnswerRow {
  key: number;
  questionId: string;
  value: string;
}

function ProfileForm({ profile }: { profile: Profile }) {
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const asked = searchParams.get("question");
  const [displayName, setDisplayName] = useState(profile.displayName ?? "");
  const [country, setCountry] = useState(profile.country ?? "");
  const [birthDate, setBirthDate] = useState(profile.birthDate ?? "");
  const [spoken, setSpoken] = useState<string[]>(profile.languages);
  const [locale, setLocale] = useState<string>(profile.locale ?? "");
  const [answers, setAnswers] = useState<AnswerRow[]>(() => {
    const rows = Object.entries(profile.demographics).map(([questionId, value], key) => ({ key, questionId, value }));
    return asked && !(asked in profile.demographics) ? [...rows, { key: rows.length, questionId: asked, value: "" }] : rows;
  });
  const save = useMutation({
    mutationFn: (patch: ProfilePatch) => api.me.update(patch),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.profile, saved);
      // Eligibility is computed from the profile: every opportunity shown may have changed.
      await queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const kept = answers.filter((row) => row.questionId.trim() !== "" && row.value.trim() !== "");
    const keptIds = new Set(kept.map((row) => row.questionId.trim()));
    const demographics: Record<string, string | null> = Object.fromEntries([
      ...Object.keys(profile.demographics).filter((id) => !keptIds.has(id)).map((id) => [id, null]),
      ...kept.map((row) => [row.questionId.trim(), row.value.trim()]),
    ]);
    save.mutate({
      displayName: displayName.trim() === "" ? null : displayName.trim(),
      country: country === "" ? null : country,
      birthDate: birthDate === "" ? null : birthDate,
      languages: spoken,
      locale: locale === "" ? null : locale,
      demographics,
    });
  };
  const problemAt = (field: string) => fieldProblem(save.error, `body.${field}`);
  const setAnswer = (key: number, change: Partial<AnswerRow>) => setAnswers((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Your profile">
      <label>
        Display name
        <input maxLength={80} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        Country
        <select value={country} onChange={(e) => setCountry(e.target.value)} aria-invalid={problemAt("country") ? true : undefined}>
          <option value="">Not said</option>
          {withCodes(countries, country ? [country] : [], countryName).map((option) => (
            <option key={option.code} value={option.code}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Birth date
        <input type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} aria-invalid={problemAt("birthDate") ? true : undefined} />
      </label>
      {problemAt("birthDate") && <p className="field-error">{problemAt("birthDate")}</p>}
      <label>
        Languages you speak
        <select multiple size={6} value={spoken} onChange={(e) => setSpoken([...e.target.selectedOptions].map((o) => o.value))} aria-describedby="languages-hint">
          {withCodes(languages, spoken, languageName).map((option) => (
            <option key={option.code} value={option.code}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <p id="languages-hint" className="muted">
        Hold Ctrl (⌘ on a Mac) to pick several.
      </p>
      <label>
        Language of your emails
        <select value={locale} onChange={(e) => setLocale(e.target.value)} aria-invalid={problemAt("locale") ? true : undefined}>
          <option value="">Default ({emailLocales.en})</option>
          {Object.entries(emailLocales).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Answers asked by opportunities</legend>
        {answers.length === 0 && <p className="muted">None yet. An opportunity that asks one links here.</p>}
        {answers.map((row) => (
          <div className="row" key={row.key}>
            <label>
              Question
              <input value={row.questionId} pattern="[a-z][a-z0-9_]{0,39}" title="lowercase letters, digits and _" onChange={(e) => setAnswer(row.key, { questionId: e.target.value })} />
            </label>
            <label>
              Your answer
              <input value={row.value} maxLength={64} onChange={(e) => setAnswer(row.key, { value: e.target.value })} />
            </label>
            <button type="button" className="secondary" onClick={() => setAnswers((rows) => rows.filter((r) => r.key !== row.key))}>
              Remove answer
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setAnswers((rows) => [...rows, { key: Math.max(0, ...rows.map((r) => r.key + 1)), questionId: "", value: "" }])}>
          Add an answer
        </button>
      </fieldset>
      <ProblemAlert error={save.error} title="Your profile could not be saved" />
      <button type="submit" disabled={save.isPending}>
        Save profile
      </button>
      {save.isSuccess && (
        <p role="status" className="success">
          Saved.
        </p>
      )}
    </form>
  );
}
