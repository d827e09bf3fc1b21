// The personal feed's reminders, turned on or off by its owner from a manage page or My Gathering:
// with them on, starred sessions and 1:1 meetings carry an alarm 15 minutes before. Plain forms
// answered with a redirect back to the calendar section; JSON gets the setting back.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { mayAggregate, registrationHolder, signedIn } from '../access/middleware.ts';
import { setFeedReminders } from '../db/calendars.ts';
import type { AppEnv } from '../env.ts';
import { limitBody, readBody } from '../http/body.ts';
import { fieldProblems } from '../http/openapi.ts';
import { ProblemError } from '../http/problems.ts';
import { privateHeaders } from '../http/security-headers.ts';
import { notFound } from './manage/index.tsx';

const remindersInput = z.object({
  reminders: z.union([z.enum(['on', 'off']), z.boolean()], {
    message: 'reminders must be "on" or "off" (or true or false in JSON).',
  }),
});

/** Sets the person's reminders from the request, then answers as the form or the script expects. */
async function setReminders(c: Context<AppEnv>, personId: number, back: string) {
  const body = await readBody(c);
  const parsed = remindersInput.safeParse(body.data);
  if (!parsed.success)
    throw new ProblemError({
      code: 'validation_failed',
      message: 'Some fields are invalid; see errors for each one.',
      fields: fieldProblems(parsed.error.issues),
    });
  const on = parsed.data.reminders === true || parsed.data.reminders === 'on';
  // No feed yet: nothing to set, and the page offers to make one.
  const set = await setFeedReminders(c.var.db, personId, on, c.var.now.toISOString());
  if (body.kind === 'json') {
    privateHeaders(c);
    return c.json({ reminders: set && on, calendar: set });
  }
  return c.redirect(back, 303);
}

export const feedReminders = new Hono<AppEnv>()
  .post('/manage/:id{[0-9]+}/calendar/reminders', limitBody(1024), registrationHolder(notFound), async (c) => {
    const r = c.var.registration;
    // The feed joins registrations across events: only for an email proven in this browser.
    if (!mayAggregate(c) || r.personId === null) return c.redirect(`/manage/${r.id}#calendar`, 303);
    return setReminders(c, r.personId, `/manage/${r.id}#calendar`);
  })
  .post('/my/calendar/reminders', limitBody(1024), signedIn(), (c) =>
    setReminders(c, c.var.person.id, '/my/#calendar'),
  );
