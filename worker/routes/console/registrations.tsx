// The console's registrations: the filtered table, a person's page, their actions and bulk
// decisions. Each action calls the same service as the organiser API, under the same access table,
// and writes the same audit log, naming the person signed in.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { multiLine } from '../../../model/text.ts';
import { formatInstant } from '../../../model/time-format.ts';
import { eventPath } from '../../../ui/console/layout.tsx';
import { type PersonAction, RegistrationPage } from '../../../ui/console/registration-page.tsx';
import { BulkPreviewPage, RegistrationsPage } from '../../../ui/console/registrations-page.tsx';
import { ProblemPage } from '../../../ui/pages.tsx';
import { can, eventFromParam } from '../../access/middleware.ts';
import { organiserMay } from '../../access/rules.ts';
import { filterableQuestions, parseFilter } from '../../console/filter.ts';
import { auditOfRegistration, record } from '../../db/audit.ts';
import { messagesOf } from '../../db/outbox.ts';
import { filteredRegistrations, registrationsByIds, sortKeys } from '../../db/registration-filter.ts';
import { confirmedCountOf, findRegistration, type Registration, waitlistPosition } from '../../db/registrations.ts';
import type { AppEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { forgetAvailability } from '../../http/edge-cache.ts';
import { fail, type Problem, problemStatus, problemTitles } from '../../http/problems.ts';
import { allows, registrationStatuses } from '../../registrations/lifecycle.ts';
import {
  BULK_LIMIT,
  bulkAffects,
  decideMany,
  moveInLine,
  resendLink,
  undecline,
} from '../../registrations/organiser-actions.ts';
import { type ChangeResult, cancel, decide, promote } from '../../registrations/service.ts';
import { auditBy } from '../admin/shared.ts';
import { services } from '../context.ts';
import { consoleContext } from './context.ts';
import { EVENT } from './events.tsx';
import { registrationPayment } from './solidarity.tsx';

const PAGE_SIZE = 50;
const ID = ':id{[0-9]{1,12}}';

const notices: Record<string, string> = {
  approve: 'Approved.',
  decline: 'Declined; the person has been told.',
  undecline: 'The decline is undone: the person has a place and has been told.',
  cancel: 'Cancelled; the person has been told.',
  promote: 'The person has the place now and has been told.',
  'resend-link': 'A fresh manage link is on its way.',
  move: 'Moved in the waitlist.',
};

const when = (c: Context<AppEnv>, iso: string) => formatInstant(iso, c.var.event.timeZone, c.var.event.city);

async function loadOne(c: Context<AppEnv>): Promise<Registration> {
  const id = Number(c.req.param('id'));
  return (
    (await findRegistration(c.var.db, c.var.event.id, id)) ??
    fail('registration_not_found', `There is no registration ${id} for this event.`)
  );
}

/** A refusal as a page with the way back to the person. */
const refused = (c: Context<AppEnv>, problem: Problem, back: string) =>
  c.html(
    <ProblemPage title={problemTitles[problem.code]} message={problem.message} back={{ href: back, label: 'Back' }} />,
    problemStatus[problem.code] as 400,
  );

async function form(c: Context<AppEnv>) {
  const { data } = await readBody(c);
  const fields = (data ?? {}) as Record<string, string | string[]>;
  const one = (name: string) => {
    const v = fields[name];
    return typeof v === 'string' ? v : undefined;
  };
  const many = (name: string) => {
    const v = fields[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  return { one, many };
}

function noteOf(text: string | undefined): { note: string | null } | { error: string } {
  const note = multiLine(text ?? '').trim();
  if (note.length > 1000) return { error: 'The note is longer than 1,000 characters.' };
  return { note: note || null };
}

function idsOf(values: string[]): number[] | undefined {
  const ids = values.map(Number);
  return ids.every((n) => Number.isSafeInteger(n) && n > 0) ? [...new Set(ids)] : undefined;
}

const personPath = (eventId: string, id: number) => `${eventPath(eventId)}/registrations/${id}`;

export const consoleRegistrations = new Hono<AppEnv>()
  .get(`/console/events/${EVENT}/registrations`, can('registrations.read'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const params = [...new URL(c.req.url).searchParams].filter(([k]) => k !== 'done') as [string, string][];
    const parsed = parseFilter(new URLSearchParams(params), event);
    const ctx = await consoleContext(c);
    const common = {
      ctx,
      event: { id: event.id, title: event.title },
      params,
      questions: filterableQuestions(event).map((q) => ({
        id: q.id,
        label: q.label,
        options: q.type === 'checkbox' ? ['yes', 'no'] : (q.options ?? []),
      })),
      statuses: registrationStatuses,
      sorts: sortKeys,
      mayDecide: organiserMay(c.var.organiser, 'registrations.decide', event.id).ok,
    };
    if (!parsed.ok)
      return c.html(
        <RegistrationsPage {...common} rows={[]} total={0} page={1} pages={1} errors={parsed.errors} />,
        400,
      );
    const { filter, sort, page } = parsed.value;
    const found = await filteredRegistrations(c.var.db, event.id, filter, {
      sort,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    await record(c.var.db, auditBy(c, 'registrations.list', { eventId: event.id }));
    const done = c.req.query('done');
    return c.html(
      <RegistrationsPage
        {...common}
        rows={found.rows.map((r) => ({
          id: r.id,
          name: r.name,
          email: r.email,
          status: r.status,
          ticketCode: r.ticketCode,
          registered: when(c, r.createdAt),
          checkedIn: r.checkedInAt ? when(c, r.checkedInAt) : null,
        }))}
        total={found.total}
        page={page}
        pages={Math.max(1, Math.ceil(found.total / PAGE_SIZE))}
        notice={done === 'bulk' ? bulkNotice(c) : undefined}
      />,
    );
  })
  .get(`/console/events/${EVENT}/registrations/${ID}`, can('registrations.read'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const r = await loadOne(c);
    const db = c.var.db;
    const [position, history, messages, payment] = await Promise.all([
      waitlistPosition(db, r),
      auditOfRegistration(db, r.id),
      messagesOf(db, r.id),
      registrationPayment(c, r),
    ]);
    await record(db, auditBy(c, 'registration.read', { eventId: event.id, registrationId: r.id }));
    const mayDecide = organiserMay(c.var.organiser, 'registrations.decide', event.id).ok;
    const lifecycleActions: PersonAction[] = (['approve', 'decline', 'undecline', 'promote', 'cancel'] as const).filter(
      (a) => allows(a, r.status),
    );
    const linkable = r.status !== 'cancelled';
    const actions: PersonAction[] = mayDecide
      ? [...lifecycleActions, ...(linkable ? ['resend-link' as const] : [])]
      : [];
    const answers = event.registration.questions.flatMap((q) => {
      const a = r.answers[q.id];
      if (a === undefined || a === '') return [];
      return [
        { label: q.label, value: Array.isArray(a) ? a.join(', ') : typeof a === 'boolean' ? (a ? 'yes' : 'no') : a },
      ];
    });
    return c.html(
      <RegistrationPage
        ctx={await consoleContext(c)}
        event={{ id: event.id, title: event.title }}
        registration={{
          id: r.id,
          name: r.name,
          email: r.email,
          emailProven: r.personId !== null,
          status: r.status,
          ticketCode: r.ticketCode,
          registered: when(c, r.createdAt),
          waitlistPosition: position,
          checkedIn: r.checkedInAt ? `${when(c, r.checkedInAt)}${r.checkedInBy ? ` by ${r.checkedInBy}` : ''}` : null,
          decisionMessage: r.decisionMessage,
        }}
        answers={answers}
        history={history.map((h) => ({ at: when(c, h.at), actor: h.actor, action: h.action }))}
        messages={messages.map((m) => ({ subject: m.subject, at: when(c, m.sentAt ?? m.createdAt), status: m.status }))}
        actions={actions}
        mayMove={mayDecide && r.status === 'waitlisted'}
        notice={notices[c.req.query('done') ?? '']}
      >
        {payment}
      </RegistrationPage>,
    );
  })
  .post(
    `/console/events/${EVENT}/registrations/${ID}/:action{approve|decline|undecline|cancel|promote|resend-link}`,
    can('registrations.decide'),
    eventFromParam(),
    async (c) => {
      const event = c.var.event;
      const r = await loadOne(c);
      const action = c.req.param('action') as PersonAction;
      const back = personPath(event.id, r.id);
      const typed = noteOf((await form(c)).one('message'));
      if ('error' in typed) return refused(c, { code: 'validation_failed', message: typed.error }, back);
      const { note } = typed;
      const s = services(c);
      const target = { eventId: event.id, registrationId: r.id };
      let result: ChangeResult;
      switch (action) {
        case 'approve':
        case 'decline':
          result = await decide(
            s,
            event,
            r,
            action,
            note,
            auditBy(c, `registration.${action}`, {
              ...target,
              detail: note ? { message: note } : undefined,
            }),
          );
          break;
        case 'undecline':
          result = await undecline(s, event, r, auditBy(c, 'registration.undecline', target));
          break;
        case 'cancel':
          result = await cancel(s, event, r, {
            audit: auditBy(c, 'registration.cancel', { ...target, detail: { from: r.status } }),
            note,
          });
          break;
        case 'promote':
          result = await promote(s, event, r, auditBy(c, 'registration.promote', target));
          break;
        case 'resend-link':
          result = await resendLink(s, event, r, auditBy(c, 'registration.resend-link', target));
          break;
      }
      if (!result.ok) return refused(c, result.problem, back);
      await forgetAvailability(c, event.id);
      return c.redirect(`${back}?done=${action}`, 303);
    },
  )
  .post(
    `/console/events/${EVENT}/registrations/${ID}/waitlist-move`,
    can('registrations.decide'),
    eventFromParam(),
    async (c) => {
      const event = c.var.event;
      const r = await loadOne(c);
      const back = personPath(event.id, r.id);
      const move = (await form(c)).one('move');
      if (move !== 'up' && move !== 'down' && move !== 'first')
        return refused(c, { code: 'validation_failed', message: 'Choose up, down or to the front.' }, back);
      const audit = auditBy(c, 'registration.waitlist-move', {
        eventId: event.id,
        registrationId: r.id,
        detail: { move },
      });
      const result = await moveInLine(services(c), r, move, audit);
      if (!result.ok) return refused(c, result.problem, back);
      return c.redirect(`${back}?done=move`, 303);
    },
  )
  .post(
    `/console/events/${EVENT}/registrations/bulk/preview`,
    can('registrations.decide'),
    eventFromParam(),
    async (c) => {
      const event = c.var.event;
      const back = `${eventPath(event.id)}/registrations`;
      const fields = await form(c);
      const action = fields.one('action');
      const ids = idsOf(fields.many('id'));
      if (action !== 'approve' && action !== 'decline')
        return refused(c, { code: 'validation_failed', message: 'Choose approve or decline.' }, back);
      if (!ids || ids.length === 0 || ids.length > BULK_LIMIT)
        return refused(
          c,
          { code: 'validation_failed', message: `Choose between 1 and ${BULK_LIMIT} registrations in the table.` },
          back,
        );
      const chosen = await registrationsByIds(c.var.db, event.id, ids);
      const affected = chosen.filter((r) => bulkAffects(action, r));
      const skipped = chosen.filter((r) => !bulkAffects(action, r));
      const confirmed = await confirmedCountOf(c.var.db, event.id);
      return c.html(
        <BulkPreviewPage
          ctx={await consoleContext(c)}
          event={{ id: event.id, title: event.title }}
          action={action}
          affected={affected.map((r) => ({ id: r.id, name: r.name }))}
          skipped={skipped.map((r) => ({ id: r.id, name: r.name, status: r.status }))}
          placesLeft={event.capacity === null ? null : Math.max(0, event.capacity - confirmed)}
          waitlist={event.registration.waitlist}
        />,
      );
    },
  )
  .post(`/console/events/${EVENT}/registrations/bulk`, can('registrations.decide'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const back = `${eventPath(event.id)}/registrations`;
    const fields = await form(c);
    const action = fields.one('action');
    const ids = idsOf(fields.many('id'));
    const typed = noteOf(fields.one('message'));
    if (action !== 'approve' && action !== 'decline')
      return refused(c, { code: 'validation_failed', message: 'Choose approve or decline.' }, back);
    if ('error' in typed) return refused(c, { code: 'validation_failed', message: typed.error }, back);
    const result = await decideMany(services(c), event, ids ?? [], action, typed.note, c.var.organiser.name);
    if (!result.ok) return refused(c, result.problem, back);
    await forgetAvailability(c, event.id);
    const o = result.outcome;
    const counts = new URLSearchParams({
      done: 'bulk',
      confirmed: String(o.confirmed.length),
      waitlisted: String(o.waitlisted.length),
      declined: String(o.declined.length),
    });
    return c.redirect(`${back}?${counts}`, 303);
  });

function bulkNotice(c: Context<AppEnv>): string {
  const n = (key: string) => Number(c.req.query(key) ?? 0) || 0;
  const parts = [
    n('confirmed') && `${n('confirmed')} approved with a place`,
    n('waitlisted') && `${n('waitlisted')} approved onto the waitlist`,
    n('declined') && `${n('declined')} declined`,
  ].filter(Boolean);
  return parts.length ? `Done: ${parts.join(', ')}. Each has been told.` : 'Nothing changed: none of them was pending.';
}
