import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { OidcIssuer } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { Page } from "../../components/page";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";

// The OpenID Connect issuers an organization trusts for sign-in (its Okta, Auth0, Entra ID…).
// Adding and removing one needs a recent second factor: the API answers mfa_required otherwise,
// and the problem's detail, shown as it is, says what to do.

export function SignInProvidersPage() {
  return <WithOrg>{(org) => <SignInProviders orgId={org.id} />}</WithOrg>;
}

function SignInProviders({ orgId }: { orgId: string }) {
  const issuers = useQuery({ queryKey: queryKeys.oidcIssuers(orgId), queryFn: ({ signal }) => api.organizations.listOidcIssuers({ orgId }, { signal }) });
  return (
    <Page title="Sign-in providers">
      <p className="muted">People of your organization can sign in with your identity provider: trust its issuer for the client id (audience) you registered there for User-X.</p>
      <AddIssuerForm orgId={orgId} />
      <h2>Trusted issuers</h2>
      {issuers.isPending ? (
        <Loading label="Loading sign-in providers…" />
      ) : issuers.isError ? (
        <ProblemAlert error={issuers.error} title="The sign-in providers could not be loaded" />
      ) : issuers.data.data.length === 0 ? (
        <Empty>No sign-in provider yet: people sign in with User-X accounts only.</Empty>
      ) : (
        <table>
          <caption className="visually-hidden">Trusted issuers</caption>
          <thead>
            <tr>
              <th scope="col">Issuer</th>
              <th scope="col">Audience</th>
              <th scope="col">Algorithms</th>
              <th scope="col">Added</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {issuers.data.data.map((issuer) => (
              <IssuerRow key={issuer.id} orgId={orgId} issuer={issuer} />
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function IssuerRow({ orgId, issuer }: { orgId: string; issuer: OidcIssuer }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.organizations.removeOidcIssuer({ orgId, issuerId: issuer.id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.oidcIssuers(orgId) }),
  });
  return (
    <tr data-testid={`oidc-issuer-${issuer.id}`}>
      <td>
        <code>{issuer.issuer}</code>
      </td>
      <td>
        <code>{issuer.audience}</code>
      </td>
      <td>{issuer.algorithms.join(", ")}</td>
      <td>{formatDateTime(issuer.createdAt)}</td>
      <td>
        <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          Remove
        </button>
        <ProblemAlert error={remove.error} title="The issuer could not be removed" />
      </td>
    </tr>
  );
}

function AddIssuerForm({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const [issuer, setIssuer] = useState("");
  const [audience, setAudience] = useState("");
  const add = useMutation({
    mutationFn: () => api.organizations.addOidcIssuer({ orgId, issuer: issuer.trim(), audience: audience.trim() }),
    onSuccess: async () => {
      setIssuer("");
      setAudience("");
      await queryClient.invalidateQueries({ queryKey: queryKeys.oidcIssuers(orgId) });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="add-issuer-title">
      <h2 id="add-issuer-title">Trust an issuer</h2>
      <label>
        Issuer URL <span className="muted">(exactly the <code>iss</code> of its tokens)</span>
        <input required type="url" maxLength={500} value={issuer} onChange={(e) => setIssuer(e.target.value)} placeholder="https://acme.okta.com" aria-invalid={fieldProblem(add.error, "body.issuer") ? true : undefined} />
      </label>
      <label>
        Audience <span className="muted">(the client id registered there)</span>
        <input required maxLength={300} value={audience} onChange={(e) => setAudience(e.target.value)} aria-invalid={fieldProblem(add.error, "body.audience") ? true : undefined} />
      </label>
      <ProblemAlert error={add.error} title="The issuer could not be trusted" />
      <button type="submit" disabled={add.isPending}>
        Trust issuer
      </button>
    </form>
  );
}
