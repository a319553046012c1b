import { createHmac } from 'node:crypto';
import { request } from 'node:http';

/** How to sign (or deliberately mis-sign) one delivery. */
export interface SigningOptions {
  readonly secret: string;
  /** Unix seconds for `X-Slack-Request-Timestamp`; now when not given. */
  readonly timestamp?: number;
  /** Replace the computed `X-Slack-Signature` (a bad signature). */
  readonly signature?: string;
  /** `X-Slack-Retry-Num` / `X-Slack-Retry-Reason` of a redelivery. */
  readonly retryNum?: number;
  readonly retryReason?: string;
}

/** What the app answered. */
export interface DeliveryResponse {
  readonly status: number;
  readonly body: string;
}

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret, as Slack signs requests. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * POST one signed request to the app's Request URL, as the Events API, slash commands and interactivity do
 * over HTTP: JSON for events, a form for slash commands, a form with a `payload` JSON field for interactions.
 */
export function deliverSigned(url: string, body: string, contentType: string, signing: SigningOptions): Promise<DeliveryResponse> {
  const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string | number> = {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': signing.signature ?? slackSignature(signing.secret, timestamp, body),
    'user-agent': 'Slackbot 1.0 (fake)',
    connection: 'close',
  };
  if (signing.retryNum !== undefined) {
    headers['x-slack-retry-num'] = signing.retryNum;
    headers['x-slack-retry-reason'] = signing.retryReason ?? 'http_timeout';
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
