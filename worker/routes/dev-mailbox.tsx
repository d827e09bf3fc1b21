// Local development only: the messages the local sender "delivered", readable in the browser.
// Answers 404 unless DEV_MAILBOX is on (npm start sets it; production never does).
import { Hono } from 'hono';
import { DevMailboxPage } from '../../ui/dev-mailbox.tsx';
import type { AppEnv } from '../env.ts';
import { privateHeaders } from '../http/security-headers.ts';
import { LocalSender } from '../messages/senders.ts';

export const devMailbox = new Hono<AppEnv>().get('/dev/mailbox', (c) => {
  if (c.env.DEV_MAILBOX !== 'on') return c.notFound();
  privateHeaders(c);
  const messages = LocalSender.kept;
  if (c.req.header('accept')?.includes('application/json')) return c.json({ messages });
  return c.html(<DevMailboxPage messages={messages} />);
});
