// What an export of an event's registrations holds, one record per registration, for the CSV and
// the JSON alike: times in the event's zone, a column per question, the matching profile and the
// organisers' decision. Pure: the rows come from worker/db/export.ts.
import type { Question } from '../../model/content.ts';
import { paymentState, paymentStateLabels } from '../../model/payment-status.ts';
import { currencyExponent } from '../../model/tickets.ts';
import { offsetMinutes, utcToLocal } from '../../model/time.ts';
import type { TagIndex } from '../../model/vocabulary.ts';
import type { ProfileFields } from '../matching/profile.ts';
import type { Answers } from './answers.ts';

/** A registration with its profile, as the database hands it over. */
export type ExportRow = {
  id: number;
  status: string;
  name: string;
  email: string;
  emailProven: boolean;
  ticketCode: string;
  createdAt: string;
  updatedAt: string;
  waitlistedAt: string | null;
  decidedAt: string | null;
  decisionMessage: string | null;
  checkedInAt: string | null;
  checkedInBy: string | null;
  answers: Answers;
  profile: Omit<ProfileFields, 'updatedAt'> | null;
  /** The paid ticket and its order (null columns on a free registration). */
  order: {
    id: string;
    ticketType: string | null;
    priceMinor: number | null;
    currency: string;
    status: string;
    paidAt: string | null;
    amountTotal: number;
    amountRefunded: number;
  } | null;
};

export type ExportContext = {
  zone: string;
  questions: readonly Question[];
  tags: TagIndex;
  /** Events with tickets: their names by id, and the order columns are added. */
  tickets?: ReadonlyMap<string, string>;
};

/** 5000 EUR → "50.00": the amount as a number a spreadsheet reads, in the currency's units. */
export const decimalOf = (minor: number, currency: string) => {
  const digits = currencyExponent(currency);
  return (minor / 10 ** digits).toFixed(digits);
};

/** The order columns (CSV) and fields (JSON) of a registration on an event with tickets. */
function orderFields(r: ExportRow, x: ExportContext) {
  const o = r.order;
  if (!o) return null;
  return {
    orderId: o.id,
    ticketType: o.ticketType ? (x.tickets?.get(o.ticketType) ?? o.ticketType) : null,
    pricePaid: o.priceMinor === null ? null : decimalOf(o.priceMinor, o.currency),
    currency: o.currency,
    paymentStatus: paymentState(o),
    refunded: decimalOf(o.amountRefunded, o.currency),
  };
}
const paymentColumns = ['Order', 'Ticket type', 'Price paid', 'Currency', 'Payment status', 'Refunded (order)'];

/** "2026-11-25T08:00:00+01:00": the instant as the event's wall clock, with its offset. */
export function zonedIso(utc: string, zone: string): string {
  const ms = Date.parse(utc);
  const offset = offsetMinutes(ms, zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${utcToLocal(ms, zone)}${sign}${hh}:${mm}`;
}

/** "2026-11-25 08:00": the form Excel, LibreOffice and Google Sheets all read as a date and time. */
export const spreadsheetTime = (utc: string | null, zone: string) =>
  utc ? utcToLocal(Date.parse(utc), zone).slice(0, 16).replace('T', ' ') : '';

type Answer = string | string[] | boolean | null;

/** An answer as JSON carries it: a checkbox is true or false, a multiselect a list, the rest text. */
function answerOf(q: Question, answers: Answers): Answer {
  const a = answers[q.id];
  if (q.type === 'checkbox') return a === true;
  if (q.type === 'multiselect') return Array.isArray(a) ? a : typeof a === 'string' && a ? [a] : [];
  return typeof a === 'string' ? a : Array.isArray(a) ? a.join('; ') : null;
}

/** One registration as the JSON export gives it. */
export function exportRecord(r: ExportRow, x: ExportContext) {
  const time = (t: string | null) => (t ? zonedIso(t, x.zone) : null);
  const labels = (tags: string[]) => tags.map(x.tags.label);
  const p = r.profile;
  return {
    id: r.id,
    status: r.status,
    name: r.name,
    email: r.email,
    emailProven: r.emailProven,
    ticketCode: r.ticketCode,
    registeredAt: zonedIso(r.createdAt, x.zone),
    updatedAt: zonedIso(r.updatedAt, x.zone),
    waitlistedAt: time(r.waitlistedAt),
    decidedAt: time(r.decidedAt),
    decisionMessage: r.decisionMessage,
    checkedInAt: time(r.checkedInAt),
    checkedInBy: r.checkedInBy,
    ...(x.tickets ? { payment: orderFields(r, x) } : {}),
    answers: Object.fromEntries(x.questions.map((q) => [q.id, answerOf(q, r.answers)])),
    profile: p && {
      displayName: p.displayName,
      bio: p.bio,
      city: p.city,
      offers: labels(p.offers),
      seeks: labels(p.seeks),
      interests: labels(p.interests),
      languages: p.languages.map((l) => l.replace(/^~/, '')),
      visibility: p.visibility,
      available: p.available,
    },
  };
}

export type ExportRecord = ReturnType<typeof exportRecord>;

const yesNo = (v: boolean) => (v ? 'yes' : 'no');
const list = (v: string[] | undefined) => (v ?? []).join('; ');

/** The CSV's columns before the questions, and after them (the profile). */
const before: [string, (r: ExportRow, x: ExportContext) => string | number][] = [
  ['Registration', (r) => r.id],
  ['Status', (r) => r.status],
  ['Name', (r) => r.name],
  ['Email', (r) => r.email],
  ['Email proven', (r) => yesNo(r.emailProven)],
  ['Ticket code', (r) => r.ticketCode],
  ['Registered', (r, x) => spreadsheetTime(r.createdAt, x.zone)],
  ['Updated', (r, x) => spreadsheetTime(r.updatedAt, x.zone)],
  ['Waitlisted since', (r, x) => spreadsheetTime(r.waitlistedAt, x.zone)],
  ['Decided', (r, x) => spreadsheetTime(r.decidedAt, x.zone)],
  ['Decision message', (r) => r.decisionMessage ?? ''],
  ['Checked in', (r, x) => spreadsheetTime(r.checkedInAt, x.zone)],
  ['Checked in by', (r) => r.checkedInBy ?? ''],
];
const after: [string, (p: NonNullable<ExportRow['profile']>, x: ExportContext) => string][] = [
  ['Profile name', (p) => p.displayName],
  ['Profile bio', (p) => p.bio ?? ''],
  ['Profile city', (p) => p.city ?? ''],
  ['Offers', (p, x) => list(p.offers.map(x.tags.label))],
  ['Seeks', (p, x) => list(p.seeks.map(x.tags.label))],
  ['Interests', (p, x) => list(p.interests.map(x.tags.label))],
  ['Languages', (p) => list(p.languages.map((l) => l.replace(/^~/, '')))],
  ['Profile visible to', (p) => (p.visibility === 'network' ? 'the whole network' : 'this event')],
  ['1:1 meetings', (p) => yesNo(p.available)],
];

/** The CSV's header: a question whose label repeats an earlier column gets a number, so every column is named once. */
export function exportHeader(questions: readonly Question[], paid = false): string[] {
  const seen = new Set<string>();
  const unique = (label: string) => {
    let name = label;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${label} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  };
  return [
    ...before.map(([h]) => unique(h)),
    ...(paid ? paymentColumns.map(unique) : []),
    ...questions.map((q) => unique(q.label)),
    unique('Matching profile'),
    ...after.map(([h]) => unique(h)),
  ];
}

function paymentCells(r: ExportRow, x: ExportContext): string[] {
  const f = orderFields(r, x);
  if (!f) return paymentColumns.map(() => '');
  return [
    f.orderId,
    f.ticketType ?? '',
    f.pricePaid ?? '',
    f.currency,
    paymentStateLabels[f.paymentStatus],
    f.refunded,
  ];
}

/** One registration as a CSV row: yes/no for checkboxes, a multiselect's choices joined by "; ". */
export function exportCells(r: ExportRow, x: ExportContext): (string | number)[] {
  const answers = x.questions.map((q) => {
    const a = answerOf(q, r.answers);
    return typeof a === 'boolean' ? yesNo(a) : Array.isArray(a) ? list(a) : (a ?? '');
  });
  const p = r.profile;
  return [
    ...before.map(([, cell]) => cell(r, x)),
    ...(x.tickets ? paymentCells(r, x) : []),
    ...answers,
    yesNo(p !== null),
    ...after.map(([, cell]) => (p ? cell(p, x) : '')),
  ];
}
