import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Organization } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { Page } from "../../components/page";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { RoleOptions, roleFrom } from "./role-options";
import { queryKeys } from "../../lib/query-keys";
import { MemberInvitations } from "./member-invitations";
import { YourUserId } from "./your-user-id";

type Role = Organization["members"][number]["role"];

export function MembersPage() {
  return <WithOrg>{(org) => <Members orgId={org.id} />}</WithOrg>;
}

function Members({ orgId }: { orgId: string }) {
  const org = useQuery({ queryKey: queryKeys.organization(orgId), queryFn: ({ signal }) => api.organizations.get({ orgId }, { signal }) });
  const account = useQuery({ queryKey: queryKeys.account, queryFn: ({ signal }) => api.account.get(undefined, { signal }), staleTime: Infinity });
  return (
    <Page title="Members">
      {org.isPending ? (
        <Loading label="Loading members…" />
      ) : org.isError ? (
        <ProblemAlert error={org.error} title="The members could not be loaded" />
      ) : (
        <table>
          <caption className="visually-hidden">Members of {org.data.name}</caption>
          <thead>
            <tr>
              <th scope="col">User id</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {org.data.members.map((member) => (
              <MemberRow key={member.userId} orgId={orgId} member={member} isYou={member.userId === account.data?.userId} />
            ))}
          </tbody>
        </table>
      )}
      <MemberInvitations orgId={orgId} />
      <AddMemberForm orgId={orgId} />
      <YourUserId />
    </Page>
  );
}

function AddMemberForm({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const add = useMutation({
    mutationFn: () => api.organizations.addMember({ orgId, userId: userId.trim(), role }),
    onSuccess: async () => {
      setUserId("");
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const userIdProblem = fieldProblem(add.error, "body.userId");
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add a member</h2>
      <label>
        User id
        <input required value={userId} onChange={(e) => setUserId(e.target.value)} aria-describedby="user-id-hint" aria-invalid={userIdProblem ? true : undefined} />
      </label>
      <p id="user-id-hint" className="muted">
        Their User-X user id: they find it on their console's overview.
      </p>
      {userIdProblem && <p className="field-error">{userIdProblem}</p>}
      <label>
        Role
        <select value={role} onChange={(e) => setRole(roleFrom(e.target.value, "viewer"))}>
          <RoleOptions />
        </select>
      </label>
      <ProblemAlert error={add.error} title="The member could not be added" />
      <button type="submit" disabled={add.isPending}>
        Add member
      </button>
      {add.isSuccess && (
        <p role="status" className="success">
          Member added.
        </p>
      )}
    </form>
  );
}

/** One member: their role can be changed in place, and they can be removed (or, for you, you can leave). */
function MemberRow({ orgId, member, isYou }: { orgId: string; member: Organization["members"][number]; isYou: boolean }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
  const changeRole = useMutation({
    mutationFn: (role: Role) => api.organizations.updateMember({ orgId, userId: member.userId, role }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api.organizations.removeMember({ orgId, userId: member.userId }),
    onSuccess: refresh,
  });
  const onRemove = () => {
    const question = isYou ? "Leave this organization? You lose access to it at once." : `Remove ${member.userId}? Their API keys stop working at once.`;
    if (window.confirm(question)) remove.mutate();
  };
  const problem = changeRole.error ?? remove.error;
  return (
    <tr>
      <td>
        <code>{member.userId}</code>
        {isYou && <strong> (you)</strong>}
      </td>
      <td>
        <select
          aria-label={`Role of ${member.userId}`}
          value={member.role}
          disabled={changeRole.isPending}
          onChange={(e) => changeRole.mutate(roleFrom(e.target.value, member.role))}
        >
          <RoleOptions />
        </select>
        {problem && <ProblemAlert error={problem} title={changeRole.error ? "The role could not be changed" : "The member could not be removed"} />}
      </td>
      <td>
        <button type="button" className="secondary" disabled={remove.isPending} onClick={onRemove}>
          {isYou ? "Leave" : "Remove"}
          <span className="visually-hidden"> {member.userId}</span>
        </button>
      </td>
    </tr>
  );
}
