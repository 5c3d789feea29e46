/** What came back from one delivery attempt. */
export interface SendResult {
  status: number | null;
  latencyMs: number;
  responseExcerpt?: string;
  error?: string;
}

/** Sends one signed webhook request (Standard Webhooks headers) to an endpoint. */
export interface WebhookSender {
  send(request: { url: string; secret: string; messageId: string; timestamp: Date; body: string }): Promise<SendResult>;
}
