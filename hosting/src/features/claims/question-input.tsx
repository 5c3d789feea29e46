import type { Question } from "@user-x/sdk";
import type { ReactNode } from "react";

interface Props {
  question: Question;
  value: string | string[];
  error: string | undefined;
  onChange: (value: string | string[]) => void;
}

/** One question as a form control, labelled by its prompt, with its problem beside it. */
export function QuestionInput({ question, value, error, onChange }: Props) {
  const inputId = `q-${question.id}`;
  const errorId = `${inputId}-error`;
  const described = error ? { "aria-invalid": true, "aria-describedby": errorId } : {};
  const message = error && (
    <p id={errorId} className="field-error">
      {error}
    </p>
  );
  const prompt = (
    <>
      {question.prompt}
      {!question.required && <span className="muted"> (optional)</span>}
    </>
  );

  switch (question.type) {
    case "text":
      return (
        <div className="field" data-question={question.id}>
          <label htmlFor={inputId}>{prompt}</label>
          <textarea id={inputId} rows={3} maxLength={question.maxLength} value={asText(value)} onChange={(e) => onChange(e.target.value)} {...described} />
          {message}
        </div>
      );
    case "number":
      return (
        <div className="field" data-question={question.id}>
          <label htmlFor={inputId}>
            {prompt}
            {rangeHint(question.min, question.max) && <span className="muted"> ({rangeHint(question.min, question.max)})</span>}
          </label>
          <input
            id={inputId}
            type="number"
            inputMode={question.integer ? "numeric" : "decimal"}
            step={question.integer ? 1 : "any"}
            {...(question.min === undefined ? {} : { min: question.min })}
            {...(question.max === undefined ? {} : { max: question.max })}
            value={asText(value)}
            onChange={(e) => onChange(e.target.value)}
            {...described}
          />
          {message}
        </div>
      );
    case "single_choice":
      return (
        <Choices legend={prompt} error={message} name={inputId} described={described} question={question.id}>
          {question.choices.map((choice) => (
            <label key={choice.value} className="choice">
              <input type="radio" name={inputId} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} />
              {choice.label}
            </label>
          ))}
        </Choices>
      );
    case "multiple_choice": {
      const selected = Array.isArray(value) ? value : [];
      const toggle = (choice: string) => onChange(selected.includes(choice) ? selected.filter((v) => v !== choice) : [...selected, choice]);
      return (
        <Choices
          legend={
            <>
              {prompt}
              {question.maxSelected !== undefined && <span className="muted"> (up to {question.maxSelected})</span>}
            </>
          }
          error={message}
          name={inputId}
          described={described}
          question={question.id}
        >
          {question.choices.map((choice) => (
            <label key={choice.value} className="choice">
              <input type="checkbox" value={choice.value} checked={selected.includes(choice.value)} onChange={() => toggle(choice.value)} />
              {choice.label}
            </label>
          ))}
        </Choices>
      );
    }
    case "rating":
      return (
        <Choices legend={<>{prompt} <span className="muted">(1 to {question.scale})</span></>} error={message} name={inputId} described={described} question={question.id} className="rating">
          {Array.from({ length: question.scale }, (_, i) => String(i + 1)).map((score) => (
            <label key={score} className="choice">
              <input type="radio" name={inputId} value={score} checked={value === score} onChange={() => onChange(score)} />
              {score}
            </label>
          ))}
        </Choices>
      );
  }
}

function Choices(props: { legend: ReactNode; error: ReactNode; name: string; described: object; question: string; className?: string; children: ReactNode }) {
  return (
    <fieldset className={`field ${props.className ?? ""}`} data-question={props.question} {...props.described}>
      <legend>{props.legend}</legend>
      <div className="choices">{props.children}</div>
      {props.error}
    </fieldset>
  );
}

function asText(value: string | string[]): string {
  return Array.isArray(value) ? "" : value;
}

function rangeHint(min: number | undefined, max: number | undefined): string | undefined {
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return undefined;
}
