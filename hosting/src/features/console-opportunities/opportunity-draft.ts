import type { OpportunityIn, Question, Targeting } from "@user-x/sdk";
import { toMinorUnits } from "../../lib/money";

// The builder's state: what the form fields hold (numbers as typed), turned into the API's
// OpportunityIn on submit. `key`s identify rows for React; ids are what the API stores.

export type QuestionType = Question["type"];
export type RewardType = OpportunityIn["reward"]["type"];

export interface ChoiceDraft {
  key: string;
  label: string;
}

export interface QuestionDraft {
  key: string;
  id: string;
  type: QuestionType;
  prompt: string;
  required: boolean;
  maxLength: string;
  min: string;
  max: string;
  integer: boolean;
  maxSelected: string;
  scale: string;
  choices: ChoiceDraft[];
}

export type SocialTaskSpec = Extract<OpportunityIn["tasks"][number], { type: "social" }>;

export interface TaskDraft {
  key: string;
  id: string;
  title: string;
  type: "survey" | "social";
  required: boolean;
  questions: QuestionDraft[];
  platform: SocialTaskSpec["platform"];
  action: SocialTaskSpec["action"];
  target: string;
  /** Whether the participant gives the URL of what they posted. */
  proofUrl: boolean;
  /** The #tags and @mentions their text must include, as typed (space-separated). */
  mustInclude: string;
}

/** One demographic condition: the question id, and the answers that qualify, comma separated as typed. */
export interface DemographicDraft {
  key: string;
  questionId: string;
  values: string;
}

/** Who may claim; empty lists and blank ages set no condition. */
export interface TargetingDraft {
  countries: string[];
  minAge: string;
  maxAge: string;
  languages: string[];
  demographics: DemographicDraft[];
}

export interface OpportunityDraft {
  title: string;
  description: string;
  rewardType: RewardType;
  rewardValue: string;
  currency: string;
  /** The voucher pool a voucher reward's codes come from. */
  poolId: string;
  capacity: string;
  tasks: TaskDraft[];
  targeting: TargetingDraft;
}

let nextKey = 0;
const newKey = () => `k${(nextKey += 1)}`;

export function newChoice(label = ""): ChoiceDraft {
  return { key: newKey(), label };
}

export function newQuestion(index: number): QuestionDraft {
  return { key: newKey(), id: `q${index + 1}`, type: "text", prompt: "", required: true, maxLength: "2000", min: "", max: "", integer: false, maxSelected: "", scale: "5", choices: [newChoice(), newChoice()] };
}

export function newTask(index: number): TaskDraft {
  return { key: newKey(), id: `task${index + 1}`, title: "", type: "survey", required: true, questions: [newQuestion(0)], platform: "instagram", action: "post", target: "", proofUrl: true, mustInclude: "" };
}

export function newOpportunityDraft(): OpportunityDraft {
  return { title: "", description: "", rewardType: "points", rewardValue: "10", currency: "EUR", poolId: "", capacity: "100", tasks: [newTask(0)], targeting: targetingDraftOf({}) };
}

export function newDemographic(): DemographicDraft {
  return { key: newKey(), questionId: "", values: "" };
}

/** The form's state for targeting the API holds. */
export function targetingDraftOf(targeting: Targeting): TargetingDraft {
  return {
    countries: targeting.countries ?? [],
    minAge: targeting.ageRange ? String(targeting.ageRange.min) : "",
    maxAge: targeting.ageRange ? String(targeting.ageRange.max) : "",
    languages: targeting.languages ?? [],
    demographics: Object.entries(targeting.demographics ?? {}).map(([questionId, values]) => ({ key: newKey(), questionId, values: values.join(", ") })),
  };
}

/**
 * Targeting as the API takes it: only the conditions set. An age range needs both ends; one end
 * alone is sent as typed (the other blank becomes the widest the API allows).
 */
export function toTargeting(draft: TargetingDraft): Targeting {
  const demographics = draft.demographics
    .map((row) => [row.questionId.trim(), row.values.split(",").map((v) => v.trim()).filter((v) => v !== "")] as const)
    .filter(([questionId]) => questionId !== "");
  const hasAge = draft.minAge.trim() !== "" || draft.maxAge.trim() !== "";
  return {
    ...(draft.countries.length > 0 ? { countries: draft.countries } : {}),
    ...(hasAge ? { ageRange: { min: draft.minAge.trim() === "" ? minTargetAge : Number(draft.minAge), max: draft.maxAge.trim() === "" ? maxTargetAge : Number(draft.maxAge) } } : {}),
    ...(draft.languages.length > 0 ? { languages: draft.languages } : {}),
    ...(demographics.length > 0 ? { demographics: Object.fromEntries(demographics.map(([id, values]) => [id, [...values]])) } : {}),
  };
}

/** The ages targeting accepts (contracts/opportunities.ts). */
export const minTargetAge = 13;
export const maxTargetAge = 120;

export function toOpportunityIn(orgId: string, draft: OpportunityDraft): OpportunityIn {
  const currency = draft.currency.trim().toUpperCase();
  // Money in minor units; the input's step refuses what toMinorUnits cannot read, and NaN (sent as null) is refused by the API.
  const value = draft.rewardType === "points" ? Number(draft.rewardValue) : (toMinorUnits(draft.rewardValue, currency) ?? Number.NaN);
  return {
    orgId,
    title: draft.title.trim(),
    description: draft.description.trim(),
    capacity: Number(draft.capacity),
    reward: draft.rewardType === "points" ? { type: "points", value } : draft.rewardType === "voucher" ? { type: "voucher", value, currency, poolId: draft.poolId } : { type: "cash", value, currency },
    tasks: draft.tasks.map(toTask),
    targeting: toTargeting(draft.targeting),
  };
}

function toTask(task: TaskDraft): OpportunityIn["tasks"][number] {
  const base = { id: task.id.trim(), title: task.title.trim(), required: task.required };
  if (task.type === "survey") return { ...base, type: "survey", questions: task.questions.map(toQuestion) };
  const mustInclude = task.mustInclude.split(/[\s,]+/).filter(Boolean);
  return { ...base, type: "social", platform: task.platform, action: task.action, target: task.target.trim(), proof: { url: task.proofUrl, mustInclude } };
}

function toQuestion(q: QuestionDraft): Question {
  const base = { id: q.id.trim(), prompt: q.prompt.trim(), required: q.required };
  switch (q.type) {
    case "text":
      return { ...base, type: "text", maxLength: Number(q.maxLength) };
    case "number":
      return { ...base, type: "number", integer: q.integer, ...optionalNumber("min", q.min), ...optionalNumber("max", q.max) };
    case "single_choice":
      return { ...base, type: "single_choice", choices: toChoices(q.choices) };
    case "multiple_choice":
      return { ...base, type: "multiple_choice", choices: toChoices(q.choices), ...optionalNumber("maxSelected", q.maxSelected) };
    case "rating":
      return { ...base, type: "rating", scale: Number(q.scale) };
  }
}

function optionalNumber<K extends string>(key: K, text: string): Partial<Record<K, number>> {
  return text.trim() === "" ? {} : ({ [key]: Number(text) } as Record<K, number>);
}

/** Choices as the API stores them: the label shown, and a stable value derived from it. */
function toChoices(choices: ChoiceDraft[]): Array<{ value: string; label: string }> {
  const used = new Set<string>();
  return choices.map((choice, index) => {
    const base = slug(choice.label) || `choice_${index + 1}`;
    let value = base;
    for (let n = 2; used.has(value); n += 1) value = `${base}_${n}`;
    used.add(value);
    return { value, label: choice.label.trim() };
  });
}

function slug(label: string): string {
  return label
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
}
