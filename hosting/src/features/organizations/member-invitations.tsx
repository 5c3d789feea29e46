import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Invitation } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { CopyButton } from "../../components/copy-button";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";
import { RoleOptions, roleFrom } from "./role-options";
import type { OrgRole } from "../../lib/contract-values";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";

/**
 * Inviting by email, and the invitations still waiting. No email is sent yet (the notifications
 * issue adds a mailer), so the page gives the link to share: the invited person signs in with
 * the address, verifies it, and joins from their console.
 */
export function MemberInvitations({ orgId }: { orgId: string }) {
  const invitations = useQuery({ queryKey: queryKeys.invitations(orgId), queryFn: ({ signal }) => api.invitations.list({ orgId }, { signal }) });
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      <InviteForm orgId={orgId} />
      {invitations.isPending ? (
        <Loading label="Loading invitations…" />
      ) : invitations.isError ? (
        <ProblemAlert error={invitations.error} title="The invitations could not be loaded" />
      ) : invitations.data.data.length === 0 ? (
        <Empty>No invitation is waiting.</Empty>
      ) : (
        <table>
          <caption>Pending invitations</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.data.map((invitation) => (
              <InvitationRow key={invitation.id} orgId={orgId} invitation={invitation} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function InviteForm({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<OrgRole>("viewer");
  const invite = useMutation({
    mutationFn: () => api.invitations.create({ orgId, email, role }),
    onSuccess: async () => {
      setEmail("");
      await queryClient.invalidateQueries({ queryKey: queryKeys.invitations(orgId) });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  const signInLink = `${window.location.origin}/sign-in?next=${encodeURIComponent("/console")}`;
  const emailProblem = fieldProblem(invite.error, "body.email");
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="invite-title">
      <h3 id="invite-title">Invite by email</h3>
      <label>
        Email
        <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={emailProblem ? true : undefined} />
      </label>
      {emailProblem && <p className="field-error">{emailProblem}</p>}
      <label>
        Role
        <select value={role} onChange={(e) => setRole(roleFrom(e.target.value, "viewer"))}>
          <RoleOptions />
        </select>
      </label>
      <ProblemAlert error={invite.error} title="The invitation could not be sent" />
      <button type="submit" disabled={invite.isPending}>
        Invite
      </button>
      {invite.isSuccess && (
        <p role="status" className="success">
          {invite.data.email} is invited as {invite.data.role} until {formatDateTime(invite.data.expiresAt)}.
        </p>
      )}
      <p className="muted">
        No email is sent yet: share the sign-in link with them. They sign in with that address, verify it, and join from their console.{" "}
        <code>{signInLink}</code> <CopyButton value={signInLink} label="Copy sign-in link" />
      </p>
    </form>
  );
}

function InvitationRow({ orgId, invitation }: { orgId: string; invitation: Invitation }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api.invitations.revoke({ orgId, invitationId: invitation.id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations(orgId) }),
  });
  return (
    <tr>
      <td>{invitation.email}</td>
      <td>{invitation.role}</td>
      <td>{formatDateTime(invitation.expiresAt)}</td>
      <td>
        <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
          Revoke<span className="visually-hidden"> the invitation of {invitation.email}</span>
        </button>
        <ProblemAlert error={revoke.error} title="The invitation could not be revoked" />
      </td>
    </tr>
  );
}
