// Where messages go. Each sender throws when a message was not accepted, so the outbox retries it.
// Mail fails closed: without a configured transport nothing is "sent"; messages wait in the outbox.
import type { Bindings } from '../env.ts';

export type OutgoingMessage = {
  id: number;
  kind: string;
  to: { address: string; name: string };
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
  /** Extra header fields, such as an announcement's List-Unsubscribe (RFC 2369) and its one-click POST (RFC 8058). */
  headers?: Record<string, string>;
};

export interface Sender {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * The recipient as one address header value. The name is text someone typed: every character that
 * means something in an address list (",", ";", ":", "@", brackets, quotes) goes, and what is left
 * is quoted, so a name can never add a recipient.
 */
export function recipient(to: { name: string; address: string }): string {
  const name = to.name
    .replace(/[\u0000-\u001f\u007f<>()[\]\\,;:@".]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return name ? `"${name}" <${to.address}>` : to.address;
}

/** Any Resend-compatible HTTP mail API (POST JSON with a bearer key). */
export class HttpMailSender implements Sender {
  readonly name = 'http-mail';
  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly from: string,
  ) {}

  async send(m: OutgoingMessage): Promise<void> {
    const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.key}`,
        'content-type': 'application/json',
        'idempotency-key': `outbox-${m.id}`,
      },
      body: JSON.stringify({
        from: this.from,
        to: [recipient(m.to)],
        subject: m.subject,
        text: m.text,
        attachments: m.attachments.map((a) => ({
          filename: a.filename,
          content: base64(a.content),
          content_type: a.contentType,
        })),
        ...(m.headers ? { headers: m.headers } : {}),
      }),
    });
    if (!res.ok) throw new Error(`mail API answered ${res.status}`);
  }
}

/**
 * Local development only (DEV_MAILBOX=on): accepts every message and keeps it in memory for the dev
 * mailbox page (/api/dev/mailbox).
 */
export class LocalSender implements Sender {
  readonly name = 'local';
  static readonly kept: (OutgoingMessage & { at: string })[] = [];

  async send(m: OutgoingMessage): Promise<void> {
    LocalSender.kept.unshift({ ...m, at: new Date().toISOString() });
    LocalSender.kept.length = Math.min(LocalSender.kept.length, 200);
  }
}

export type MailStatus = 'configured' | 'dev-mailbox' | 'unconfigured';

export function mailStatus(env: Bindings): MailStatus {
  if (env.MAIL_API_URL && env.MAIL_API_KEY && env.MAIL_FROM) return 'configured';
  return env.DEV_MAILBOX === 'on' ? 'dev-mailbox' : 'unconfigured';
}

/** The configured transport, or none: then messages stay pending (and the health check says so). */
export function senderFor(env: Bindings): Sender | undefined {
  switch (mailStatus(env)) {
    case 'configured':
      return new HttpMailSender(env.MAIL_API_URL, env.MAIL_API_KEY!, env.MAIL_FROM);
    case 'dev-mailbox':
      return new LocalSender();
    default:
      return undefined;
  }
}
