// Writing to attendees, apart from HTTP: the form read and checked, the audience previewed with the
// message as its first recipient will read it, and the mailing sent in one set-based batch whose
// messages go out through the outbox (the same delivery and retries as every other message).
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { multiLine, oneLine } from '../../model/text.ts';
import { newSecret } from '../access/secrets.ts';
import { parseFilter } from '../console/filter.ts';
import { type AudiencePreview, previewAudience, type SendResult, sendMailing } from '../db/mailings.ts';
import type { RegistrationFilter } from '../db/registration-filter.ts';
import type { Services } from '../registrations/service.ts';
import { deliverDue } from './delivery.ts';
import { mailingTemplate } from './organiser-texts.ts';
import { fillPlaceholders } from './texts.ts';

export const SUBJECT_MAX = 150;
// Long enough for any email; short enough that a form of it stays under the console's 64 KiB body cap
// even in scripts whose characters take three bytes, each sent as three "%XX".
export const TEXT_MAX = 5_000;
/** Recipients named in the preview. */
export const PREVIEW_NAMES = 10;
/**
 * Messages the sending request delivers itself, so the first ones leave at once; the cron trigger
 * sends the rest within minutes. Few, so that the request stays far below the free plan's 50 D1
 * queries whatever the audience's size.
 */
export const DELIVER_AT_ONCE = 5;

export type MailingInput = {
  filter: RegistrationFilter;
  subject: string;
  text: string;
  announcement: boolean;
};

export type FieldProblems = Record<string, string>;

const FILTER_KEYS = new Set(['q', 'status', 'checkedIn']);

/** The form's fields (subject, text, announcement, the audience's filter) read and checked. */
export function readMailingForm(
  event: CatalogueEvent,
  data: Record<string, unknown>,
): { ok: true; value: MailingInput } | { ok: false; errors: FieldProblems; filter?: RegistrationFilter } {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) {
    if (!FILTER_KEYS.has(key) && !key.startsWith('a.')) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') params.append(key, v);
  }
  const errors: FieldProblems = {};
  const parsed = parseFilter(params, event);
  if (!parsed.ok) errors.audience = parsed.errors.map((e) => e.message).join(' ');
  const subject = typeof data.subject === 'string' ? oneLine(data.subject) : '';
  if (!subject) errors.subject = 'Write a subject.';
  else if (subject.length > SUBJECT_MAX) errors.subject = `Keep the subject to ${SUBJECT_MAX} characters.`;
  const text = typeof data.text === 'string' ? multiLine(data.text) : '';
  if (!text) errors.text = 'Write the message.';
  else if (text.length > TEXT_MAX) errors.text = `Keep the message to ${TEXT_MAX} characters.`;
  const announcement = data.announcement === 'yes';
  if (!parsed.ok || Object.keys(errors).length)
    return { ok: false, errors, filter: parsed.ok ? parsed.value.filter : undefined };
  return { ok: true, value: { filter: parsed.value.filter, subject, text, announcement } };
}

export type MailingPreview = {
  audience: AudiencePreview;
  /** The message as its first recipient reads it; none when nobody would receive it. */
  sample?: { to: string; subject: string; text: string };
  /** The form's nonce: sending this preview twice makes one mailing. */
  nonce: string;
};

/** Who would receive the message, and how it reads for the first of them. */
export async function previewMailing(s: Services, event: CatalogueEvent, input: MailingInput): Promise<MailingPreview> {
  const audience = await previewAudience(s.db, event.id, input.filter, input.announcement, PREVIEW_NAMES);
  const first = audience.first[0];
  const site = (await s.content.site()).siteUrl;
  const sample = first && {
    to: `${first.name} <${first.email}>`,
    subject: input.subject,
    text: fillPlaceholders(mailingTemplate(event, input.announcement), {
      name: first.name,
      note: input.text,
      manage_url: `${site}/manage/… (a link to their own registration, made for each person)`,
      unsubscribe_url: `${site}/unsubscribe/… (a link made for each person)`,
    }),
  };
  return { audience, sample, nonce: newSecret() };
}

/**
 * Sends the mailing to the audience previewed (exactly `expected` people: if it changed meanwhile,
 * nothing is sent and the caller previews again), once per nonce, and starts delivering it.
 */
export async function sendMailingTo(
  s: Services,
  by: string,
  event: CatalogueEvent,
  input: MailingInput & { expected: number; nonce: string },
): Promise<SendResult> {
  const result = await sendMailing(s.db, {
    eventId: event.id,
    subject: input.subject,
    text: input.text,
    template: mailingTemplate(event, input.announcement),
    filter: input.filter,
    announcement: input.announcement,
    expected: input.expected,
    nonce: input.nonce,
    by,
    now: s.now.toISOString(),
  });
  if (result.state === 'sent')
    s.background(
      deliverDue({ env: s.env, content: s.content }, { limit: DELIVER_AT_ONCE, now: s.now }).catch((error) =>
        console.error('outbox: delivery run failed', (error as Error).message),
      ),
    );
  return result;
}

/** An audience in words, for the mailing's page: "confirmed, not checked in, Role: Writer". */
export function describeAudience(event: CatalogueEvent, f: RegistrationFilter): string {
  const labels = new Map(event.registration.questions.map((q) => [q.id, q.label]));
  const parts = [
    f.status?.length ? f.status.join(' or ') : 'every status',
    ...(f.checkedIn === undefined ? [] : [f.checkedIn ? 'checked in' : 'not checked in']),
    ...(f.answers ?? []).map(
      (a) =>
        `${labels.get(a.questionId) ?? a.questionId}: ${typeof a.value === 'boolean' ? (a.value ? 'yes' : 'no') : a.value}`,
    ),
    ...(f.q ? [`matching "${f.q}"`] : []),
  ];
  return parts.join(', ');
}
