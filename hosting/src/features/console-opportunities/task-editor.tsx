import { newQuestion, type TaskDraft } from "./opportunity-draft";
import { QuestionEditor } from "./question-editor";

interface Props {
  task: TaskDraft;
  number: number;
  onChange: (task: TaskDraft) => void;
  onRemove: (() => void) | undefined;
  /** The server's message for a path inside this task (`title`, `questions.0.prompt`…). */
  problem: (path: string) => string | undefined;
}

/** A survey task: its title and questions. Upload and social tasks come with their issues. */
export function TaskEditor({ task, number, onChange, onRemove, problem }: Props) {
  const set = (patch: Partial<TaskDraft>) => onChange({ ...task, ...patch });
  return (
    <fieldset className="task-editor">
      <legend>Task {number}: survey</legend>
      <div className="row">
        <label>
          Task title
          <input required maxLength={200} value={task.title} onChange={(e) => set({ title: e.target.value })} />
        </label>
        <label>
          Task id
          <input required pattern="[a-z][a-z0-9_]{0,39}" title="lowercase letters, digits and _, starting with a letter" value={task.id} onChange={(e) => set({ id: e.target.value })} />
        </label>
      </div>
      {problem("title") && <p className="field-error">{problem("title")}</p>}
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
      {onRemove && (
        <button type="button" className="link danger" onClick={onRemove}>
          Remove task {number}
        </button>
      )}
    </fieldset>
  );
}
