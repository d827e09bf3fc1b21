// Writing to an event's attendees: compose (the audience is the shared registrations filter),
// preview, send (one set-based batch; the preview's nonce makes a double click send once), and
// each mailing's delivery per recipient. Owners and managers of the event only.
import { type Context, Hono } from 'hono';
import type { CatalogueEvent } from '../../../model/catalogue.ts';
import { eventPath } from '../../../ui/console/layout.tsx';
import { type ComposeValues, MailingPage, MessagesPage, type PreviewView } from '../../../ui/console/messages-page.tsx';
import { can, eventFromParam } from '../../access/middleware.ts';
import { filterableQuestions, filterParams, parseFilter } from '../../console/filter.ts';
import { mailingById, mailingRecipients, mailingsOf } from '../../db/mailings.ts';
import type { RegistrationFilter } from '../../db/registration-filter.ts';
import type { AppEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { fail } from '../../http/problems.ts';
import {
  describeAudience,
  type MailingInput,
  previewMailing,
  readMailingForm,
  sendMailingTo,
} from '../../messages/mailings.ts';
import { registrationStatuses } from '../../registrations/lifecycle.ts';
import { services } from '../context.ts';
import { consoleContext } from './context.ts';
import { EVENT } from './events.tsx';

const MESSAGES = `/console/events/${EVENT}/messages`;
const RECIPIENTS_PAGE = 100;
const NONCE = /^[A-Za-z0-9_-]{43}$/;

const notices: Record<string, string> = {
  sent: 'The message is on its way. Delivery to each person is below.',
  duplicate: 'This message was sent already (the form was sent twice); it went out once.',
};

function valuesOf(filter: RegistrationFilter, input?: Partial<MailingInput>): ComposeValues {
  return {
    statuses: filter.status ?? [],
    checkedIn: filter.checkedIn === undefined ? '' : filter.checkedIn ? 'yes' : 'no',
    answers: Object.fromEntries(
      (filter.answers ?? []).map((a) => [
        a.questionId,
        typeof a.value === 'boolean' ? (a.value ? 'yes' : 'no') : a.value,
      ]),
    ),
    q: filter.q ?? '',
    subject: input?.subject ?? '',
    text: input?.text ?? '',
    announcement: input?.announcement ?? false,
  };
}

const questionsOf = (event: CatalogueEvent) =>
  filterableQuestions(event).map((q) => ({
    id: q.id,
    label: q.label,
    options: q.type === 'checkbox' ? ['yes', 'no'] : (q.options ?? []),
  }));

type Extra = Partial<Parameters<typeof MessagesPage>[0]>;

async function page(c: Context<AppEnv>, values: ComposeValues, extra: Extra = {}, status = 200) {
  const event = c.var.event;
  const mailings = await mailingsOf(c.var.db, event.id, 50);
  return c.html(
    <MessagesPage
      ctx={await consoleContext(c)}
      event={{ id: event.id, title: event.title }}
      statuses={registrationStatuses}
      questions={questionsOf(event)}
      values={values}
      errors={{}}
      mailings={mailings}
      {...extra}
    />,
    status as 200,
  );
}

async function form(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const { data } = await readBody(c);
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

/** What the form said, kept for showing it again when it has problems. */
function typed(data: Record<string, unknown>, filter: RegistrationFilter = {}): ComposeValues {
  const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
  return valuesOf(filter, {
    subject: text(data.subject, 300),
    text: text(data.text, 20_000),
    announcement: data.announcement === 'yes',
  });
}

/** The preview of a valid form, or the form again with why nobody would receive it. */
async function preview(c: Context<AppEnv>, input: MailingInput, message?: string, status = 200) {
  const event = c.var.event;
  const result = await previewMailing(services(c), event, input);
  const values = valuesOf(input.filter, input);
  if (result.audience.count === 0) {
    const audience =
      result.audience.unsubscribed > 0
        ? 'Everyone this audience matches stopped this event’s announcements. Untick “announcement” if the message is about their registration, or choose other people.'
        : 'No one matches this audience, so there is nobody to write to. Choose other statuses or answers.';
    return page(c, values, { errors: { audience }, message: message ?? audience }, 400);
  }
  const fields: [string, string][] = [
    ...filterParams(input.filter),
    ['subject', input.subject],
    ['text', input.text],
    ...(input.announcement ? ([['announcement', 'yes']] as [string, string][]) : []),
    ['nonce', result.nonce],
    ['expected', String(result.audience.count)],
  ];
  const view: PreviewView = {
    count: result.audience.count,
    unsubscribed: result.audience.unsubscribed,
    names: result.audience.first.map((p) => ({ name: p.name, status: p.status })),
    sample: result.sample,
    fields,
  };
  return page(c, values, { preview: view, message }, status);
}

export const consoleMessages = new Hono<AppEnv>()
  .get(MESSAGES, can('messages.send'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const query = new URL(c.req.url).searchParams;
    // Linked from a filtered list of registrations, the audience comes along; else the confirmed people.
    const parsed = parseFilter(query, event);
    const fromQuery = parsed.ok && query.toString() !== '' ? parsed.value.filter : { status: ['confirmed' as const] };
    return page(c, valuesOf(fromQuery));
  })
  .post(`${MESSAGES}/preview`, can('messages.send'), eventFromParam(), async (c) => {
    const data = await form(c);
    const input = readMailingForm(c.var.event, data);
    if (!input.ok)
      return page(c, typed(data, input.filter), { errors: input.errors, message: 'Check the message.' }, 400);
    return preview(c, input.value);
  })
  .post(MESSAGES, can('messages.send'), eventFromParam(), async (c) => {
    const data = await form(c);
    const input = readMailingForm(c.var.event, data);
    const expected = Number(data.expected);
    const nonce = typeof data.nonce === 'string' && NONCE.test(data.nonce) ? data.nonce : undefined;
    if (!input.ok)
      return page(c, typed(data, input.filter), { errors: input.errors, message: 'Check the message.' }, 400);
    if (!nonce || !Number.isSafeInteger(expected) || expected < 1)
      return preview(c, input.value, 'Preview the message before sending it.', 400);
    const result = await sendMailingTo(services(c), c.var.organiser.name, c.var.event, {
      ...input.value,
      expected,
      nonce,
    });
    if (result.state === 'audience_changed')
      return preview(
        c,
        input.value,
        'Who matches this audience changed since your preview, so nothing was sent. Check the new preview and send again.',
        409,
      );
    return c.redirect(`${eventPath(c.var.event.id)}/messages/${result.mailingId}?done=${result.state}`, 303);
  })
  .get(`${MESSAGES}/:mailingId{[1-9][0-9]{0,9}}`, can('messages.send'), eventFromParam(), async (c) => {
    const event = c.var.event;
    const mailing = await mailingById(c.var.db, event.id, Number(c.req.param('mailingId')));
    if (!mailing) return fail('not_found', 'There is no such message for this event.');
    const pageNumber = Number(c.req.query('page') ?? '1');
    const pages = Math.max(1, Math.ceil(mailing.recipients / RECIPIENTS_PAGE));
    if (!Number.isSafeInteger(pageNumber) || pageNumber < 1 || pageNumber > pages)
      return fail('not_found', 'There is no such page of recipients.');
    const { page: recipients, counts } = await mailingRecipients(c.var.db, mailing.id, {
      offset: (pageNumber - 1) * RECIPIENTS_PAGE,
      limit: RECIPIENTS_PAGE,
    });
    return c.html(
      <MailingPage
        ctx={await consoleContext(c)}
        event={{ id: event.id, title: event.title }}
        mailing={{
          ...mailing,
          text: mailing.body,
          audience: describeAudience(event, mailing.audience as RegistrationFilter),
          delivery: counts,
        }}
        recipients={recipients}
        page={pageNumber}
        pages={pages}
        notice={notices[c.req.query('done') ?? '']}
      />,
    );
  });
