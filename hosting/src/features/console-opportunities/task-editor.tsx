import { newQuestion, type SocialTaskSpec, type TaskDraft } from "./opportunity-draft";
import { QuestionEditor } from "./question-editor";

interface Props {
  task: TaskDraft;
  number: number;
  onChange: (task: TaskDraft) => void;
  onRemove: (() => void) | undefined;
  /** The server's message for a path inside this task (`title`, `questions.0.prompt`…). */
  problem: (path: string) => string | undefined;
}

const platforms: Array<[SocialTaskSpec["platform"], string]> = [
  ["instagram", "Instagram"],
  ["tiktok", "TikTok"],
  ["x", "X"],
  ["youtube", "YouTube"],
  ["linkedin", "LinkedIn"],
  ["facebook", "Facebook"],
];
const actions: Array<SocialTaskSpec["action"]> = ["follow", "like", "share", "post", "comment"];

/** One task: its type, title, id and whether it is required, then a survey's questions or a social action and its proof. Upload tasks come with the media issue. */
export function TaskEditor({ task, number, onChange, onRemove, problem }: Props) {
  const set = (patch: Partial<TaskDraft>) => onChange({ ...task, ...patch });
  return (
    <fieldset className="task-editor">
      <legend>
        Task {number}: {task.type}
      </legend>
      <div className="row">
        <label>
          Type
          <select value={task.type} onChange={(e) => set({ type: e.target.value as TaskDraft["type"] })}>
            <option value="survey">Survey</option>
            <option value="social">Social action</option>
          </select>
        </label>
        <label>
          Task title
          <input required maxLength={200} value={task.title} onChange={(e) => set({ title: e.target.value })} />
        </label>
        <label>
          Task id
          <input required pattern="[a-z][a-z0-9_]{0,39}" title="lowercase letters, digits and _, starting with a letter" value={task.id} onChange={(e) => set({ id: e.target.value })} />
        </label>
      </div>
      <label className="choice">
        <input type="checkbox" checked={task.required} onChange={(e) => set({ required: e.target.checked })} />
        Required: the claim completes only once it is approved
      </label>
      {problem("title") && <p className="field-error">{problem("title")}</p>}
      {task.type === "survey" ? <SurveyQuestions task={task} set={set} problem={problem} /> : <SocialAction task={task} set={set} problem={problem} />}
      {onRemove && (
        <button type="button" className="link danger" onClick={onRemove}>
          Remove task {number}
        </button>
      )}
    </fieldset>
  );
}

type Part = { task: TaskDraft; set: (patch: Partial<TaskDraft>) => void; problem: Props["problem"] };

function SurveyQuestions({ task, set, problem }: Part) {
  return (
    <>
      {task.questions.map((question, index) => (
        <QuestionEditor
          key={question.key}
          question={question}
          number={index + 1}
          onChange={(next) => set({ questions: task.questions.map((q) => (q.key === question.key ? next : q)) })}
          onRemove={task.questions.length > 1 ? () => set({ questions: task.questions.filter((q) => q.key !== question.key) }) : undefined}
          problem={(field) => problem(`questions.${index}.${field}`)}
        />
      ))}
      <button type="button" className="secondary" onClick={() => set({ questions: [...task.questions, newQuestion(task.questions.length)] })}>
        Add question
      </button>
    </>
  );
}

function SocialAction({ task, set, problem }: Part) {
  return (
    <>
      <div className="row">
        <label>
          Platform
          <select value={task.platform} onChange={(e) => set({ platform: e.target.value as TaskDraft["platform"] })}>
            {platforms.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select value={task.action} onChange={(e) => set({ action: e.target.value as TaskDraft["action"] })}>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Target <span className="muted">(an @handle, or the https URL of the account or post)</span>
        <input required value={task.target} onChange={(e) => set({ target: e.target.value })} aria-invalid={problem("target") ? true : undefined} />
      </label>
      {problem("target") && <p className="field-error">{problem("target")}</p>}
      <label className="choice">
        <input type="checkbox" checked={task.proofUrl} onChange={(e) => set({ proofUrl: e.target.checked })} />
        The participant gives the link to what they posted
      </label>
      <label>
        Their text must include <span className="muted">(#hashtags and @mentions, separated by spaces)</span>
        <input value={task.mustInclude} onChange={(e) => set({ mustInclude: e.target.value })} aria-invalid={problem("proof.mustInclude.0") ? true : undefined} />
      </label>
      <p className="muted">What no check can confirm (a follow, a like) goes to your review queue.</p>
    </>
  );
}
