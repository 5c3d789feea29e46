/** What came back from one delivery attempt. */
export interface SendResult {
  status: number | null;
  latencyMs: number;
  responseExcerpt?: string;
  /** The answer's `Retry-After` header as sent, when it has one. */
  retryAfter?: string;
  error?: string;
}

/** Sends one signed webhook request (Standard Webhooks headers) to an endpoint. */
export interface WebhookSender {
  /** The longest one attempt can take, connect to last byte read: how long an endpoint's slot is held for it. */
  readonly attemptTimeoutMs: number;
  /**
   * POSTs `body` with the Standard Webhooks headers (`signature` is the `webhook-signature` value)
   * and the endpoint's custom `headers`, which never replace ours.
   */
  send(request: { url: string; signature: string; headers: Readonly<Record<string, string>>; messageId: string; timestamp: Date; body: string }): Promise<SendResult>;
}
