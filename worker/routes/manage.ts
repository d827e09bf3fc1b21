// A person's own page, reached by the secret link in their messages: status, ticket, waitlist
// position, answers they can change, and cancelling. Plain HTML forms; no JavaScript needed.
import { type Context, Hono } from 'hono';
import { html, raw } from 'hono/html';
import { renderSVG } from 'uqr';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { formToRequest } from '../../model/registration.ts';
import { renderQuestionFields } from '../../model/registration-form.ts';
import { personalCalendarOf, resetPersonalCalendar, setStar, starsOf } from '../db/calendars.ts';
import { database } from '../db/client.ts';
import { cancelRegistration, type Registration, updateAnswers, waitlistPosition } from '../db/registrations.ts';
import { checkAnswers, type FieldError } from '../domain/answers.ts';
import { hashSecret, newSecret } from '../domain/secrets.ts';
import type { AppEnv } from '../env.ts';
import { limitBody, readBody } from '../http/body.ts';
import { problemResponse } from '../http/problems.ts';
import { matchingView } from '../matching/view.ts';
import { scheduleDelivery } from '../outbox/deliver.ts';
import { page } from '../pages/layout.ts';
import { matchingSection } from '../pages/matching-section.ts';
import { load, notFound, privateHeaders } from './manage-access.ts';

const statusText: Record<Registration['status'], string> = {
  confirmed: 'Your place is confirmed.',
  waitlisted: 'You are on the waitlist.',
  pending: 'Your application is waiting for the organisers’ decision.',
  declined: 'Your application was not accepted this time.',
  cancelled: 'This registration is cancelled.',
};

const notices: Record<string, string> = {
  starred: 'Your agenda is updated.',
  welcome:
    'Thank you! We have also sent this link to your email address. Keep it: it is how you manage your registration.',
  saved: 'Your answers are saved.',
  cancelled: 'Your registration is cancelled. Thank you for letting the organisers know.',
};

export const editable = (r: Registration, event: CatalogueEvent) =>
  (r.status === 'confirmed' || r.status === 'waitlisted' || r.status === 'pending') &&
  new Date(event.endUtc) > new Date();

export async function render(
  c: Context<AppEnv>,
  token: string,
  r: Registration,
  event: CatalogueEvent,
  errors: FieldError[] = [],
  values?: Record<string, unknown>,
  profileErrors?: Record<string, string>,
) {
  privateHeaders(c);
  const db = database(c.env.DB);
  const [position, stars, calendar] = await Promise.all([
    waitlistPosition(db, r),
    starsOf(db, r.id),
    personalCalendarOf(db, r.emailKey),
  ]);
  const calendarToken = /^c_[A-Za-z0-9_-]{43}$/.test(c.req.query('calendar') ?? '')
    ? c.req.query('calendar')
    : undefined;
  const hasCalendar = Boolean(calendar);
  const { origin, host } = new URL(c.req.url);
  const matching = editable(r, event)
    ? await matchingView(db, c.var.catalogue.catalogue.vocabulary, token, r, event, profileErrors)
    : undefined;
  const notice = notices[c.req.query('done') ?? (c.req.query('welcome') ? 'welcome' : '')];
  const errorMap = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const questions = event.registration.questions;
  const body = html`
    <p><a href="/events/${event.id}/">← ${event.title}</a></p>
    <h1>Your registration</h1>
    ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
    <p><strong>${statusText[r.status]}</strong>${position ? ` You are number ${position} on the waitlist.` : ''}${r.decisionMessage ? html`<br />A note from the organisers: ${r.decisionMessage}` : ''}</p>
    ${
      r.status === 'confirmed'
        ? html`<section class="ticket" aria-label="Your ticket">${raw(renderSVG(r.ticketCode, { border: 1 }).replace('<svg', '<svg role="img" aria-label="QR code of your ticket"'))}<div><p class="meta">Ticket for ${event.title}</p><p class="ticket-code">${r.ticketCode}</p><p class="meta">Show this at the door.${r.checkedInAt ? ' Checked in.' : ''}</p></div></section>`
        : ''
    }
    <h2>Details</h2>
    <table class="data"><tbody>
      <tr><th scope="row">Name</th><td>${r.name}</td></tr>
      <tr><th scope="row">Email</th><td>${r.email}</td></tr>
      <tr><th scope="row">Registered</th><td>${r.createdAt.slice(0, 16).replace('T', ' ')} UTC</td></tr>
    </tbody></table>
    ${
      questions.length && editable(r, event)
        ? html`<h2>Your answers</h2>
        <form class="registration" method="post" action="/manage/${token}/answers">
          ${errors.length ? html`<div class="form-errors" role="alert"><p>Please fix the fields marked below.</p></div>` : ''}
          ${raw(renderQuestionFields(questions, (values ?? r.answers) as Record<string, unknown>, errorMap))}
          <p><button class="button" type="submit">Save answers</button></p>
        </form>`
        : ''
    }
    ${
      event.sessions.length && editable(r, event)
        ? html`<h2 id="agenda">Your agenda</h2>
        <p>Star the sessions you want to attend; they appear in your calendar feed. <a href="/events/${event.id}/?manage=${token}#schedule">Star them on the event page</a> instead.</p>
        <ul class="schedule">
          ${event.sessions.map((s) => {
            const on = stars.includes(s.id);
            return html`<li class="slot"><div class="when">${s.start.slice(5, 10)} ${s.start.slice(11, 16)}</div><div><strong>${s.title}</strong>${s.status === 'cancelled' ? ' (cancelled)' : ''}
              <form method="post" action="/manage/${token}/stars" class="inline"><input type="hidden" name="sessionId" value="${s.id}" /><input type="hidden" name="starred" value="${on ? 'off' : 'on'}" />
              <button class="button" type="submit" aria-pressed="${on ? 'true' : 'false'}">${on ? '★ Starred' : '☆ Star'}<span class="visually-hidden"> ${s.title}</span></button></form></div></li>`;
          })}
        </ul>`
        : ''
    }
    ${matching ? matchingSection(matching) : ''}
    ${
      editable(r, event)
        ? html`<h2 id="calendar">Your calendar</h2>
        ${
          calendarToken
            ? html`<p class="notice" role="status">Here is your personal calendar. Keep the link private: anyone with it sees your agenda. It is shown only now; resetting it makes a new one and stops the old one.</p>
            <ul class="actions">
              <li><a class="button primary" href="webcal://${host}/api/calendars/personal/${calendarToken}.ics">Subscribe in your calendar app</a></li>
              <li><a class="button" href="https://calendar.google.com/calendar/render?cid=${encodeURIComponent(`webcal://${host}/api/calendars/personal/${calendarToken}.ics`)}" rel="noopener">Add to Google Calendar</a></li>
            </ul>
            <p><label for="feed-url">Feed address</label><br /><input id="feed-url" readonly size="60" value="${origin}/api/calendars/personal/${calendarToken}.ics" /></p>`
            : html`<p>Your events, starred sessions and 1:1 meetings as one calendar that your calendar app keeps up to date.${hasCalendar ? ' You already have a calendar link; making a new one stops the old one.' : ''}</p>`
        }
        <form method="post" action="/manage/${token}/calendar"><button class="button" type="submit">${hasCalendar || calendarToken ? 'Reset my calendar link' : 'Create my calendar link'}</button></form>`
        : ''
    }
    ${
      editable(r, event)
        ? html`<h2>${r.status === 'waitlisted' ? 'Leave the waitlist' : r.status === 'pending' ? 'Withdraw your application' : 'Cancel your place'}</h2>
        <form method="post" action="/manage/${token}/cancel">
          <p>${r.status === 'confirmed' ? 'Your place goes to the next person on the waitlist at once. This cannot be undone.' : 'This cannot be undone.'}</p>
          <p><button class="button danger" type="submit">${r.status === 'waitlisted' ? 'Leave the waitlist' : r.status === 'pending' ? 'Withdraw' : 'Cancel my registration'}</button></p>
        </form>`
        : ''
    }`;
  return c.html(
    page('Your registration', body, { noindex: true }),
    errors.length || (profileErrors && Object.keys(profileErrors).length) ? 400 : 200,
  );
}

export const manage = new Hono<AppEnv>()
  .get('/manage/:token', async (c) => {
    const found = await load(c);
    return found ? render(c, found.token, found.registration, found.event) : notFound(c);
  })
  .post('/manage/:token/answers', limitBody(16 * 1024), async (c) => {
    const found = await load(c);
    if (!found) return notFound(c);
    const { token, registration, event } = found;
    if (!editable(registration, event)) return c.redirect(`/manage/${token}`, 303);
    const body = await readBody(c);
    const raw =
      body.kind === 'form'
        ? formToRequest(body.data as Record<string, string | string[]>)
        : (body.data as Record<string, unknown>);
    const given = (raw?.answers ?? {}) as Record<string, unknown>;
    const { answers, errors } = checkAnswers(event.registration.questions, given);
    if (errors.length) return render(c, token, registration, event, errors, given);
    await updateAnswers(database(c.env.DB), registration, answers, new Date().toISOString());
    return c.redirect(`/manage/${token}?done=saved`, 303);
  })
  .get('/manage/:token/stars', async (c) => {
    const found = await load(c);
    if (!found) return notFound(c);
    privateHeaders(c);
    return c.json({ eventId: found.event.id, starred: await starsOf(database(c.env.DB), found.registration.id) });
  })
  .post('/manage/:token/stars', limitBody(4 * 1024), async (c) => {
    const found = await load(c);
    if (!found) return notFound(c);
    const { token, registration, event } = found;
    const body = await readBody(c);
    const data = (body.data ?? {}) as Record<string, unknown>;
    const sessionId = typeof data.sessionId === 'string' ? data.sessionId : '';
    const starred = data.starred === true || data.starred === 'on';
    if (!event.sessions.some((s) => s.id === sessionId)) {
      if (body.kind === 'json')
        return problemResponse(c, {
          code: 'validation_failed',
          message: 'Some fields need attention.',
          fields: [{ field: 'sessionId', message: `${event.title} has no session "${sessionId.slice(0, 120)}".` }],
        });
      return c.redirect(`/manage/${token}#agenda`, 303);
    }
    if (editable(registration, event))
      await setStar(database(c.env.DB), registration.id, sessionId, starred, new Date().toISOString());
    if (body.kind === 'json') {
      privateHeaders(c);
      return c.json({ eventId: event.id, starred: await starsOf(database(c.env.DB), registration.id) });
    }
    return c.redirect(`/manage/${token}?done=starred#agenda`, 303);
  })
  .post('/manage/:token/calendar', async (c) => {
    const found = await load(c);
    if (!found) return notFound(c);
    const calendarToken = newSecret('c_');
    await resetPersonalCalendar(
      database(c.env.DB),
      found.registration.emailKey,
      await hashSecret(calendarToken),
      new Date().toISOString(),
    );
    return c.redirect(`/manage/${found.token}?calendar=${calendarToken}#calendar`, 303);
  })
  .post('/manage/:token/cancel', async (c) => {
    const found = await load(c);
    if (!found) return notFound(c);
    const { token, registration, event } = found;
    if (editable(registration, event)) {
      await cancelRegistration(database(c.env.DB), event, registration, new Date().toISOString());
      c.executionCtx.waitUntil(scheduleDelivery(c.env, c.var.catalogue));
    }
    return c.redirect(`/manage/${token}?done=cancelled`, 303);
  });
