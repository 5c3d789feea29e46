import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReceivedInvitation } from "@user-x/sdk";
import type { User } from "firebase/auth";
import { useState } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { recheckEmailVerified, sendVerificationEmail } from "../../lib/auth-actions";
import { useOrgChoice } from "../../lib/current-org";
import { queryKeys } from "../../lib/query-keys";

/**
 * The invitations addressed to the signed-in person, each with Join. The API shows them only to a
 * token whose address is verified, so until it is, this says how to verify it.
 */
export function ReceivedInvitations() {
  const auth = useAuth();
  if (auth.status !== "signed_in") return null;
  return <ForUser user={auth.user} />;
}

function ForUser({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [verified, setVerified] = useState(user.emailVerified);
  const invitations = useQuery({ queryKey: queryKeys.receivedInvitations, queryFn: ({ signal }) => api.invitations.listReceived(undefined, { signal }), enabled: verified });
  const send = useMutation({ mutationFn: () => sendVerificationEmail(user) });
  const recheck = useMutation({
    mutationFn: () => recheckEmailVerified(user),
    onSuccess: async (now) => {
      setVerified(now);
      await queryClient.invalidateQueries({ queryKey: queryKeys.receivedInvitations });
    },
  });

  if (!verified) {
    return (
      <section aria-labelledby="received-invitations-title">
        <h2 id="received-invitations-title">Invitations</h2>
        <p>
          Invitations sent to <strong>{user.email}</strong> appear here once the address is verified.
        </p>
        <button type="button" className="secondary" disabled={send.isPending || send.isSuccess} onClick={() => send.mutate()}>
          Send verification email
        </button>{" "}
        <button type="button" className="secondary" disabled={recheck.isPending} onClick={() => recheck.mutate()}>
          I have verified it
        </button>
        {send.isSuccess && <p role="status">Sent: follow the link in the email, then come back here.</p>}
        {recheck.isSuccess && !recheck.data && <p role="status">The address is not verified yet.</p>}
        <ProblemAlert error={send.error ?? recheck.error} title="The address could not be verified" />
      </section>
    );
  }
  if (invitations.isPending) return <Loading label="Loading your invitations…" />;
  if (invitations.isError) return <ProblemAlert error={invitations.error} title="Your invitations could not be loaded" />;
  if (invitations.data.data.length === 0) return null;
  return (
    <section aria-labelledby="received-invitations-title">
      <h2 id="received-invitations-title">Invitations</h2>
      <ul className="links">
        {invitations.data.data.map((invitation) => (
          <ReceivedInvitationItem key={invitation.id} invitation={invitation} />
        ))}
      </ul>
    </section>
  );
}

function ReceivedInvitationItem({ invitation }: { invitation: ReceivedInvitation }) {
  const queryClient = useQueryClient();
  const { choose } = useOrgChoice();
  const join = useMutation({
    mutationFn: () => api.invitations.accept({ invitationId: invitation.id }),
    onSuccess: async (org) => {
      choose(org.id);
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
    },
  });
  return (
    <li>
      You are invited to <strong>{invitation.organizationName}</strong> as {invitation.role}.{" "}
      <button type="button" disabled={join.isPending} onClick={() => join.mutate()}>
        Join<span className="visually-hidden"> {invitation.organizationName}</span>
      </button>
      <ProblemAlert error={join.error} title="You could not join" />
    </li>
  );
}
