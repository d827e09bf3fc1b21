// A person's own page for a registration, reached first through a link (emailed, or given in the
// registering answer) and afterwards by this browser's session, so no secret stays in the address.
// Plain HTML forms answered with 303 redirects; no JavaScript needed.
import { type Context, Hono } from 'hono';
import { type FormFields, formToRequest } from '../../../model/registration.ts';
import { OpenLinkPage, ProblemPage } from '../../../ui/pages.tsx';
import { holderMay, mayAggregate, registrationHolder } from '../../access/middleware.ts';
import { hashSecret, sameHash } from '../../access/secrets.ts';
import { currentSession, ensureSession } from '../../access/session.ts';
import { personalFeedOf, setStar, starsOf } from '../../db/calendars.ts';
import { resendLinkStatement, updateAnswers } from '../../db/registrations.ts';
import { findManageLink, grant, grantsOf, type ManageLink, proveRegistration, rotateLinks } from '../../db/sessions.ts';
import type { AppEnv } from '../../env.ts';
import { limitBody, readBody } from '../../http/body.ts';
import { forgetAvailability } from '../../http/edge-cache.ts';
import { problemResponse } from '../../http/problems.ts';
import { isSameSite } from '../../http/same-origin.ts';
import { privateHeaders } from '../../http/security-headers.ts';
import { scheduleDelivery } from '../../messages/delivery.ts';
import { refundCancellation } from '../../payments/cancellation-refunds.ts';
import { payFor } from '../../payments/pay-link.ts';
import { checkAnswers } from '../../registrations/answers.ts';
import { allows, mayChange } from '../../registrations/lifecycle.ts';
import { cancel, deliver } from '../../registrations/service.ts';
import { services } from '../context.ts';
import { confirmFirst, manageConfirmations, onManagePage } from './confirm.tsx';
import { notFound } from './not-found.tsx';
import { createPersonalFeed, renderManagePage } from './page.tsx';

export { notFound };

const holder = registrationHolder(notFound);
const LINK = /^m_[A-Za-z0-9_-]{43}$/;
const LINK_PATH = '/manage/:token{m_[A-Za-z0-9_-]{43}}';

/** The manage link in the address, if it exists and has not expired. */
async function openLink(c: Context<AppEnv>): Promise<ManageLink | undefined> {
  const token = c.req.param('token') ?? '';
  const hash = LINK.test(token) ? await hashSecret(token) : undefined;
  const link = hash ? await findManageLink(c.var.db, hash) : undefined;
  if (!link || !hash || !sameHash(link.tokenHash, hash)) return undefined;
  return link.expiresAt && link.expiresAt <= c.var.now.toISOString() ? undefined : link;
}

async function followLink(c: Context<AppEnv>, link: ManageLink) {
  const db = c.var.db;
  const now = c.var.now.toISOString();
  const session = await ensureSession(c);
  const proven = link.kind === 'email';
  await grant(db, session.id, link.registrationId, proven, now);
  if (proven) await proveRegistration(db, link.registrationId, now);
  privateHeaders(c);
  const welcome = c.req.query('welcome') ? `?welcome=${c.req.query('welcome') === 'quiet' ? 'quiet' : 1}` : '';
  // A payment link (payments/pay-link.ts) goes on to pay once the browser holds the registration.
  if (c.req.query('pay') !== undefined) return c.redirect(`/manage/${link.registrationId}/pay`, 303);
  return c.redirect(`/manage/${link.registrationId}${welcome}`, 303);
}

/** Resetting asks first; making the first calendar link does not. */
const hasFeed = async (c: Context<AppEnv>) => {
  const personId = c.var.registration.personId;
  return mayAggregate(c) && personId !== null && (await personalFeedOf(c.var.db, personId)) !== undefined;
};

export const manage = new Hono<AppEnv>()
  // The link from a message (or from the registering answer): remembered by this browser, then
  // gone from the address. Following a link delivered by email proves the address. A browser that
  // already has a session and arrives from another site confirms with a button first, so no other
  // site can slip its registration into someone's session.
  .get(LINK_PATH, async (c) => {
    const link = await openLink(c);
    if (!link) return notFound(c);
    if ((await currentSession(c)) && !isSameSite({ url: c.req.url, header: (n) => c.req.header(n) })) {
      privateHeaders(c);
      const pay = c.req.query('pay') !== undefined ? '?pay' : '';
      return c.html(<OpenLinkPage action={new URL(c.req.url).pathname + pay} />);
    }
    return followLink(c, link);
  })
  .post(LINK_PATH, async (c) => {
    const link = await openLink(c);
    return link ? followLink(c, link) : notFound(c);
  })
  // For the event page's script: which registration this browser holds for an event, and its stars.
  .get('/manage/events/:eventId{[a-z0-9/-]{1,120}}', async (c) => {
    privateHeaders(c);
    const session = await currentSession(c);
    const held = session
      ? (await grantsOf(c.var.db, session.id)).find((g) => g.eventId === c.req.param('eventId'))
      : undefined;
    if (!held) return c.json({ registrationId: null, starred: [] });
    return c.json({
      registrationId: held.registrationId,
      starred: await starsOf(c.var.db, held.registrationId),
    });
  })
  .get('/manage/:id{[0-9]+}', holder, (c) => renderManagePage(c))
  // Pay for a held place: on to Stripe Checkout, or a page that says why not.
  .get('/manage/:id{[0-9]+}/pay', holder, async (c) => {
    privateHeaders(c);
    const { registration: r, event } = c.var;
    const answer = await payFor(services(c), event, r, new URL(c.req.url).origin);
    if (answer.kind === 'redirect') return c.redirect(answer.url, 303);
    const back = { href: `/manage/${r.id}`, label: 'Back to your registration' };
    return c.html(<ProblemPage title={answer.title} message={answer.message} back={back} />, answer.status);
  })
  .post('/manage/:id{[0-9]+}/answers', limitBody(16 * 1024), holder, async (c) => {
    const { registration: r, event } = c.var;
    if (!mayChange(r.status, event)) return c.redirect(`/manage/${r.id}`, 303);
    const body = await readBody(c);
    const questionIds = event.registration.questions.map((q) => q.id);
    const raw =
      body.kind === 'form'
        ? formToRequest(body.data as FormFields, questionIds).request
        : (body.data as Record<string, unknown>);
    const given = (raw?.answers && typeof raw.answers === 'object' ? raw.answers : {}) as Record<string, unknown>;
    const { answers, errors } = checkAnswers(event.registration.questions, given);
    if (errors.length) return renderManagePage(c, { answerErrors: errors, answerValues: given });
    await updateAnswers(c.var.db, r, answers, c.var.now.toISOString());
    return c.redirect(`/manage/${r.id}?done=saved`, 303);
  })
  .get('/manage/:id{[0-9]+}/stars', holder, async (c) => {
    privateHeaders(c);
    return c.json({ eventId: c.var.event.id, starred: await starsOf(c.var.db, c.var.registration.id) });
  })
  .post('/manage/:id{[0-9]+}/stars', limitBody(4 * 1024), holder, async (c) => {
    const { registration: r, event } = c.var;
    const body = await readBody(c);
    const data = (body.data ?? {}) as Record<string, unknown>;
    const sessionId = typeof data.sessionId === 'string' ? data.sessionId : '';
    const starred = data.starred === true || data.starred === 'on';
    if (!event.sessions.some((s) => s.id === sessionId)) {
      if (body.kind === 'json') {
        const message = `${event.title} has no such session.`;
        return problemResponse(c, {
          code: 'validation_failed',
          message: 'Some fields need attention.',
          fields: [{ field: 'sessionId', message }],
        });
      }
      return c.redirect(`/manage/${r.id}#agenda`, 303);
    }
    const db = c.var.db;
    if (mayChange(r.status, event)) await setStar(db, r.id, sessionId, starred, c.var.now.toISOString());
    if (body.kind === 'json') {
      privateHeaders(c);
      return c.json({ eventId: event.id, starred: await starsOf(db, r.id) });
    }
    return c.redirect(`/manage/${r.id}?done=starred#agenda`, 303);
  })
  .post(
    '/manage/:id{[0-9]+}/calendar',
    holder,
    confirmFirst('calendar-reset', onManagePage('calendar-reset'), hasFeed),
    async (c) => {
      // A calendar joins registrations across events: only for an email proven in this browser.
      if (!mayAggregate(c) || !mayChange(c.var.registration.status, c.var.event))
        return c.redirect(`/manage/${c.var.registration.id}#calendar`, 303);
      // Shown in this answer only, never put in an address.
      return renderManagePage(c, { calendar: await createPersonalFeed(c, c.var.registration.personId!) });
    },
  )
  .post(
    '/manage/:id{[0-9]+}/links/reset',
    holder,
    confirmFirst('links-reset', onManagePage('links-reset')),
    async (c) => {
      const { registration: r, event } = c.var;
      if (!holderMay(c, 'registration.links')) return c.redirect(`/manage/${r.id}#links`, 303);
      const session = await ensureSession(c);
      const now = c.var.now.toISOString();
      const rotation = { registrationId: r.id, keepSessionId: session.id, now };
      // Nothing stops unless the new link can be sent (this address may have had its messages for the hour).
      if (!(await rotateLinks(c.var.db, rotation, resendLinkStatement(event, r.id, now))))
        return c.redirect(`/manage/${r.id}?done=links-later#links`, 303);
      c.executionCtx.waitUntil(scheduleDelivery({ env: c.env, content: c.var.content }, { registrationId: r.id }));
      return c.redirect(`/manage/${r.id}?done=links`, 303);
    },
  )
  .post('/manage/:id{[0-9]+}/cancel', holder, confirmFirst('cancel', onManagePage('cancel')), async (c) => {
    const { registration: r, event } = c.var;
    let done = 'cancelled';
    if (allows('cancel', r.status)) {
      const s = services(c);
      const cancelled = await cancel(s, event, r);
      await forgetAvailability(c, event.id);
      // Someone in a group order waiting for payment: only its buyer cancels it.
      if (!cancelled.ok && cancelled.problem.code === 'not_cancellable') done = 'cancel-buyer';
      // Only the request that cancelled refunds (a double click cancels once), as the policy gave when it did.
      const refund = cancelled.ok ? await refundCancellation(s, event, r, c.var.now) : undefined;
      if (refund) done = refund.ok ? 'cancelled-refunded' : 'cancelled-refund-later';
      if (refund?.ok) deliver(s);
    }
    return c.redirect(`/manage/${r.id}?done=${done}`, 303);
  })
  .route('/', manageConfirmations);
