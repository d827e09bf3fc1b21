// Where messages go. Each sender throws when a message was not accepted, so the outbox retries it.
import type { Bindings } from '../env.ts';

export type OutgoingMessage = {
  id: number;
  kind: string;
  to: { address: string; name: string };
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
};

export interface Sender {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
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
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.key}`,
        'content-type': 'application/json',
        'idempotency-key': `outbox-${m.id}`,
      },
      body: JSON.stringify({
        from: this.from,
        to: [`${m.to.name.replace(/[<>"]/g, '')} <${m.to.address}>`],
        subject: m.subject,
        text: m.text,
        attachments: m.attachments.map((a) => ({
          filename: a.filename,
          content: btoa(String.fromCharCode(...new TextEncoder().encode(a.content))),
          content_type: a.contentType,
        })),
      }),
    });
    if (!res.ok) throw new Error(`mail API answered ${res.status}`);
  }
}

/**
 * Local development: accepts every message and keeps it in memory for the dev mailbox page
 * (/api/dev/mailbox, on only when DEV_MAILBOX is set). Logs carry ids and kinds, never addresses.
 */
export class LocalSender implements Sender {
  readonly name = 'local';
  static readonly kept: (OutgoingMessage & { at: string })[] = [];

  async send(m: OutgoingMessage): Promise<void> {
    LocalSender.kept.unshift({ ...m, at: new Date().toISOString() });
    LocalSender.kept.length = Math.min(LocalSender.kept.length, 200);
    console.log(`outbox: message ${m.id} (${m.kind}) delivered to the local mailbox`);
  }
}

export function senderFor(env: Bindings): Sender {
  if (env.MAIL_API_URL && env.MAIL_API_KEY)
    return new HttpMailSender(env.MAIL_API_URL, env.MAIL_API_KEY, env.MAIL_FROM ?? 'Gathering <events@example.org>');
  return new LocalSender();
}
