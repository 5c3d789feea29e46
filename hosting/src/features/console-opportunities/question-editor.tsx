import { newChoice, type QuestionDraft, type QuestionType } from "./opportunity-draft";

const typeLabels: Record<QuestionType, string> = {
  text: "Text",
  number: "Number",
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  rating: "Rating",
};

interface Props {
  question: QuestionDraft;
  number: number;
  onChange: (question: QuestionDraft) => void;
  onRemove: (() => void) | undefined;
  /** The server's message for a field of this question (`prompt`, `choices`…). */
  problem: (field: string) => string | undefined;
}

export function QuestionEditor({ question, number, onChange, onRemove, problem }: Props) {
  const set = (patch: Partial<QuestionDraft>) => onChange({ ...question, ...patch });
  const hasChoices = question.type === "single_choice" || question.type === "multiple_choice";
  return (
    <fieldset className="question-editor">
      <legend>Question {number}</legend>
      <div className="row">
        <label>
          Question type
          <select value={question.type} onChange={(e) => set({ type: e.target.value as QuestionType })}>
            {Object.entries(typeLabels).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Question id
          <input required pattern="[a-z][a-z0-9_]{0,39}" title="lowercase letters, digits and _, starting with a letter" value={question.id} onChange={(e) => set({ id: e.target.value })} />
        </label>
      </div>
      <Problem text={problem("id")} />
      <label>
        Prompt
        <input required maxLength={500} value={question.prompt} onChange={(e) => set({ prompt: e.target.value })} />
      </label>
      <Problem text={problem("prompt")} />
      <label className="choice">
        <input type="checkbox" checked={question.required} onChange={(e) => set({ required: e.target.checked })} />
        Required
      </label>
      {question.type === "text" && (
        <label>
          Maximum length
          <input type="number" required min={1} max={10000} step={1} value={question.maxLength} onChange={(e) => set({ maxLength: e.target.value })} />
        </label>
      )}
      {question.type === "number" && (
        <>
          <div className="row">
            <label>
              Minimum <span className="muted">(optional)</span>
              <input type="number" step="any" value={question.min} onChange={(e) => set({ min: e.target.value })} />
            </label>
            <label>
              Maximum <span className="muted">(optional)</span>
              <input type="number" step="any" value={question.max} onChange={(e) => set({ max: e.target.value })} />
            </label>
          </div>
          <label className="choice">
            <input type="checkbox" checked={question.integer} onChange={(e) => set({ integer: e.target.checked })} />
            Whole numbers only
          </label>
        </>
      )}
      {question.type === "rating" && (
        <label>
          Scale (highest rating)
          <input type="number" required min={2} max={10} step={1} value={question.scale} onChange={(e) => set({ scale: e.target.value })} />
        </label>
      )}
      {question.type === "multiple_choice" && (
        <label>
          Most choices allowed <span className="muted">(optional)</span>
          <input type="number" min={1} step={1} value={question.maxSelected} onChange={(e) => set({ maxSelected: e.target.value })} />
        </label>
      )}
      {hasChoices && (
        <fieldset>
          <legend>Choices</legend>
          <ol className="choice-list">
            {question.choices.map((choice, index) => (
              <li key={choice.key}>
                <label>
                  Choice {index + 1}
                  <input required maxLength={200} value={choice.label} onChange={(e) => set({ choices: question.choices.map((c) => (c.key === choice.key ? { ...c, label: e.target.value } : c)) })} />
                </label>
                {question.choices.length > 2 && (
                  <button type="button" className="link" onClick={() => set({ choices: question.choices.filter((c) => c.key !== choice.key) })}>
                    Remove choice {index + 1}
                  </button>
                )}
              </li>
            ))}
          </ol>
          <button type="button" className="secondary" onClick={() => set({ choices: [...question.choices, newChoice()] })}>
            Add choice
          </button>
          <Problem text={problem("choices")} />
        </fieldset>
      )}
      {onRemove && (
        <button type="button" className="link danger" onClick={onRemove}>
          Remove question {number}
        </button>
      )}
    </fieldset>
  );
}

function Problem({ text }: { text: string | undefined }) {
  return text ? <p className="field-error">{text}</p> : null;
}
