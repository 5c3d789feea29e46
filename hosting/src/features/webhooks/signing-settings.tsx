import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WebhookEndpoint } from "@user-x/sdk";
import { useState } from "react";
import { CopyButton } from "../../components/copy-button";
import { ProblemAlert } from "../../components/problem-alert";
import { SecretOnce } from "../../components/secret-once";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";

/**
 * Rotating the secret (shown once, then never again) and the ed25519 public key a receiver
 * verifies `v1a` signatures with. The public key is not a secret: it is shown whenever asked.
 */
export function SigningSettings({ endpoint }: { endpoint: WebhookEndpoint }) {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string>();
  const rotate = useMutation({
    mutationFn: () => api.organizations.rotateWebhookEndpointSecret({ orgId: endpoint.orgId, endpointId: endpoint.id }),
    onSuccess: (rotated) => {
      setSecret(rotated.secret);
      const { secret: _shownOnce, ...kept } = rotated;
      queryClient.setQueryData(queryKeys.webhookEndpoint(rotated.orgId, rotated.id), kept);
    },
  });
  return (
    <section aria-labelledby="signing-title">
      <h2 id="signing-title">Signing</h2>
      <p className="muted">
        Every message carries a <code>v1</code> signature (HMAC-SHA256 with the endpoint's secret)
        {endpoint.publicKey && (
          <>
            {" "}
            and a <code>v1a</code> signature (ed25519), which the public key below verifies
          </>
        )}
        .
      </p>
      {endpoint.previousSecretExpiresAt && (
        <p data-testid="rotation-window">
          The secret replaced by the last rotation still signs too until {formatDateTime(endpoint.previousSecretExpiresAt)}: until then each message carries both signatures, so switch your receiver to the new
          secret at any time before.
        </p>
      )}
      {secret ? (
        <SecretOnce label="New signing secret" value={secret} onDone={() => setSecret(undefined)} />
      ) : (
        <div className="actions">
          <button type="button" className="secondary" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
            {rotate.isPending ? "Rotating…" : "Rotate secret"}
          </button>
        </div>
      )}
      <ProblemAlert error={rotate.error} title="The secret could not be rotated" />
      {endpoint.publicKey ? (
        <div>
          <h3>Public key (ed25519)</h3>
          <p className="secret-value">
            <code data-testid="public-key">{endpoint.publicKey}</code>
          </p>
          <p>
            <CopyButton value={endpoint.publicKey} label="Copy public key" />
          </p>
          {endpoint.previousPublicKey && (
            <p className="muted">
              The key before the last rotation, still signing until then: <code className="break">{endpoint.previousPublicKey}</code>
            </p>
          )}
        </div>
      ) : (
        <p className="muted">Asymmetric signing is off: turn it on below to add ed25519 signatures and get a public key.</p>
      )}
    </section>
  );
}
