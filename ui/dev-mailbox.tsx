// Local development only: the messages the local sender "delivered", readable in the browser.
import { formatUtc } from '../model/time-format.ts';
import { Document } from './document.tsx';

export type MailboxMessage = {
  subject: string;
  to: { name: string; address: string };
  at: string;
  kind: string;
  text: string;
  attachments: { filename: string }[];
};

export function DevMailboxPage(props: { messages: MailboxMessage[] }) {
  return (
    <Document title="Local mailbox" private>
      <h1>Local mailbox</h1>
      <p class="meta">
        Messages sent by this development server (newest first). Set MAIL_API_URL, MAIL_API_KEY and MAIL_FROM to send
        real email instead.
      </p>
      {props.messages.length === 0 && <p>No messages yet. Register for an event to see one.</p>}
      {props.messages.map((m) => (
        <article class="card mail">
          <h2>{m.subject}</h2>
          <p class="meta">
            To {m.to.name} &lt;{m.to.address}&gt; · {formatUtc(m.at)} · {m.kind}
            {m.attachments.length > 0 && ` · attached: ${m.attachments.map((a) => a.filename).join(', ')}`}
          </p>
          <pre>{m.text}</pre>
        </article>
      ))}
    </Document>
  );
}
