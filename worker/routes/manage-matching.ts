// A person's matching actions from their manage page: opt in or update the profile, opt out, ask
// to meet someone, answer an introduction. Plain form posts answered with 303 redirects.

import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { profileInputSchema } from '../../model/profile.ts';
import { indexVocabulary } from '../../model/vocabulary.ts';
import { batch } from '../db/batch.ts';
import { database } from '../db/client.ts';
import {
  askedToday,
  asMatchProfile,
  createIntroduction,
  decideIntroduction,
  declinedPairs,
  optOutStatements,
  pairKey,
  profileOf,
  saveProfile,
} from '../db/matching.ts';
import { queueMessages } from '../db/outbox.ts';
import { futureSlots } from '../domain/slots.ts';
import type { AppEnv } from '../env.ts';
import { limitBody, readBody } from '../http/body.ts';
import { fieldProblems } from '../http/openapi.ts';
import { profileFrom } from '../matching/profile.ts';
import { visibleTo } from '../matching/score.ts';
import { scheduleDelivery } from '../outbox/deliver.ts';
import { editable, render } from './manage.ts';
import { load, notFound } from './manage-access.ts';

/** Introductions one person may ask for in a day. */
export const DAILY_INTRODUCTIONS = 10;

export const manageMatching = new Hono<AppEnv>()
  .post('/manage/:token/profile', limitBody(16 * 1024), async (c) => {
    const found = await load(c);
    if (!found) return notFound(c);
    const { token, registration: r, event } = found;
    if (!editable(r, event)) return c.redirect(`/manage/${token}`, 303);
    const body = await readBody(c);
    const parsed = profileInputSchema.safeParse(body.data);
    if (!parsed.success) {
      return render(
        c,
        token,
        r,
        event,
        [],
        undefined,
        Object.fromEntries(fieldProblems(parsed.error.issues).map((f) => [f.field.split('.')[0]!, f.message])),
      );
    }
    const tags = indexVocabulary(c.var.catalogue.catalogue.vocabulary);
    await saveProfile(database(c.env.DB), {
      registrationId: r.id,
      eventId: r.eventId,
      emailKey: r.emailKey,
      ...profileFrom(parsed.data, r.name, tags, new Date().toISOString()),
    });
    return c.redirect(`/manage/${token}#meet`, 303);
  })
  .post('/manage/:token/profile/delete', async (c) => {
    const found = await load(c);
    if (!found) return notFound(c);
    const db = database(c.env.DB);
    await batch(db, optOutStatements(db, found.event.id, found.registration.id, futureSlots(found.event, new Date())));
    return c.redirect(`/manage/${found.token}#meet`, 303);
  })
  .post('/manage/:token/introductions', limitBody(4 * 1024), async (c) => {
    const found = await load(c);
    if (!found) return notFound(c);
    const { token, registration: r, event } = found;
    const db = database(c.env.DB);
    const body = (await readBody(c)).data as Record<string, unknown>;
    const [mine, theirs] = await Promise.all([profileOf(db, r.id), profileOf(db, Number(body.to))]);
    const note = typeof body.note === 'string' ? body.note.trim().slice(0, 500) : '';
    const now = new Date().toISOString();
    const problem = !mine
      ? 'Opt in first: introductions are between people who chose to meet others.'
      : !theirs || !visibleTo(asMatchProfile(mine), asMatchProfile(theirs))
        ? 'That person is not available for introductions.'
        : (await declinedPairs(db, [mine.emailKey])).has(pairKey(mine.emailKey, theirs.emailKey))
          ? 'That introduction was declined before.'
          : (await askedToday(db, r.id, now)) >= DAILY_INTRODUCTIONS
            ? `You can ask for ${DAILY_INTRODUCTIONS} introductions a day; try again tomorrow.`
            : undefined;
    if (problem) return render(c, token, r, event, [], undefined, { introduction: problem });
    const intro = await createIntroduction(db, {
      fromRegistration: r.id,
      toRegistration: theirs!.registrationId,
      fromPerson: mine!.emailKey,
      toPerson: theirs!.emailKey,
      note: note || null,
      createdAt: now,
    });
    if (intro) {
      const text = `${mine!.displayName} would like to meet you${note ? `: "${note}"` : '.'}`;
      const target = c.var.catalogue.find(theirs!.eventId) ?? event;
      await batch(db, [
        queueMessages(
          target,
          now,
          ['intro-request'],
          sql`'intro-request'`,
          sql`r.id = ${theirs!.registrationId}`,
          text,
        ),
      ]);
      c.executionCtx.waitUntil(scheduleDelivery(c.env, c.var.catalogue, { registrationId: theirs!.registrationId }));
    }
    return c.redirect(`/manage/${token}#meet`, 303);
  })
  .post('/manage/:token/introductions/:id', async (c) => {
    const found = await load(c);
    if (!found) return notFound(c);
    const { token, registration: r, event } = found;
    const db = database(c.env.DB);
    const body = (await readBody(c)).data as Record<string, unknown>;
    const decision = body.decision === 'accept' ? 'accepted' : body.decision === 'decline' ? 'declined' : undefined;
    const now = new Date().toISOString();
    const intro = decision ? await decideIntroduction(db, Number(c.req.param('id')), r.id, decision, now) : undefined;
    if (intro?.status === 'accepted') {
      const mine = await profileOf(db, r.id);
      await batch(db, [
        queueMessages(
          event,
          now,
          ['intro-accepted'],
          sql`'intro-accepted'`,
          sql`r.id = ${intro.fromRegistration}`,
          `${mine?.displayName ?? r.name} accepted your introduction.`,
        ),
      ]);
      c.executionCtx.waitUntil(scheduleDelivery(c.env, c.var.catalogue, { registrationId: intro.fromRegistration }));
    }
    return c.redirect(`/manage/${token}#meet`, 303);
  });
