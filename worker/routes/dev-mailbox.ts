// Local development only: the messages the local sender "delivered", readable in the browser.
// Answers 404 unless DEV_MAILBOX is set (npm start sets it; production never does).
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../env.ts';
import { LocalSender } from '../outbox/senders.ts';
import { page } from '../pages/layout.ts';

export const devMailbox = new Hono<AppEnv>().get('/dev/mailbox', (c) => {
  if (c.env.DEV_MAILBOX !== 'on') return c.notFound();
  c.header('cache-control', 'no-store');
  const messages = LocalSender.kept;
  if (c.req.header('accept')?.includes('application/json')) return c.json({ messages });
  return c.html(
    page(
      'Local mailbox',
      html`<h1>Local mailbox</h1>
        <p class="meta">Messages sent by this development server (newest first). Set MAIL_API_URL and MAIL_API_KEY to send real email instead.</p>
        ${messages.length === 0 ? html`<p>No messages yet. Register for an event to see one.</p>` : ''}
        ${messages.map(
          (m) => html`<article class="card" style="margin-bottom:1rem">
            <h2 style="margin:0;font-size:1.1rem">${m.subject}</h2>
            <p class="meta">To ${m.to.name} &lt;${m.to.address}&gt; · ${m.at} · ${m.kind}${m.attachments.length ? ` · attached: ${m.attachments.map((a) => a.filename).join(', ')}` : ''}</p>
            <pre style="white-space:pre-wrap;font-family:inherit">${m.text}</pre>
          </article>`,
        )}`,
      { noindex: true },
    ),
  );
});
