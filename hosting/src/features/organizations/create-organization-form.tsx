import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { useOrgChoice } from "../../lib/current-org";
import { queryKeys } from "../../lib/query-keys";

export function CreateOrganizationForm() {
  const [name, setName] = useState("");
  const { choose } = useOrgChoice();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => api.organizations.create({ name: name.trim() }),
    onSuccess: async (org) => {
      choose(org.id);
      setName("");
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const nameProblem = fieldProblem(create.error, "body.name");
  return (
    <form className="form inline" onSubmit={onSubmit} aria-labelledby="create-org-title">
      <h2 id="create-org-title">Create an organization</h2>
      <label>
        Organization name
        <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={nameProblem ? true : undefined} />
      </label>
      {nameProblem && <p className="field-error">{nameProblem}</p>}
      <ProblemAlert error={create.error} title="The organization could not be created" />
      <button type="submit" disabled={create.isPending}>
        Create organization
      </button>
      {create.isSuccess && (
        <p role="status" className="success">
          Created {create.data.name}; the console now works on it.
        </p>
      )}
    </form>
  );
}
