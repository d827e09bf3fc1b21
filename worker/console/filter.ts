// The console's filter of registrations as it travels in a URL or a form (the table's query, a
// bulk action's preview, a message's audience): read and checked against the event's questions.
import { z } from 'zod';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { type RegistrationFilter, type SortKey, sortKeys } from '../db/registration-filter.ts';
import { registrationStatuses } from '../registrations/lifecycle.ts';

/** Questions whose answers can filter: those with a fixed set of answers. */
export const filterableQuestions = (event: CatalogueEvent) =>
  event.registration.questions.filter((q) => q.type === 'select' || q.type === 'multiselect' || q.type === 'checkbox');

const fields = z.object({
  q: z.string().trim().max(100, 'Search for at most 100 characters.').optional(),
  status: z.array(z.enum(registrationStatuses, { message: `Status is one of: ${registrationStatuses.join(', ')}.` })),
  checkedIn: z.enum(['', 'yes', 'no'], { message: 'Checked in is "yes" or "no".' }).optional(),
  sort: z.enum(sortKeys, { message: `Sort by one of: ${sortKeys.join(', ')}.` }).default('registered'),
  page: z.coerce.number().int('Page is a whole number.').min(1, 'Page starts at 1.').max(100_000).default(1),
});

export type ParsedFilter = { filter: RegistrationFilter; sort: SortKey; page: number };
export type FilterResult =
  | { ok: true; value: ParsedFilter }
  | { ok: false; errors: { field: string; message: string }[] };

/** Answer filters are `a.<question id>=<option>`; anything else is one of the fields above. */
export function parseFilter(params: URLSearchParams, event: CatalogueEvent): FilterResult {
  const errors: { field: string; message: string }[] = [];
  const parsed = fields.safeParse({
    q: params.get('q') || undefined,
    status: params.getAll('status').filter(Boolean),
    checkedIn: params.get('checkedIn') ?? undefined,
    sort: params.get('sort') || undefined,
    page: params.get('page') || undefined,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors.push({ field: String(issue.path[0]), message: issue.message });
  const answers: NonNullable<RegistrationFilter['answers']> = [];
  const questions = new Map(filterableQuestions(event).map((q) => [q.id, q]));
  for (const [key, value] of params) {
    if (!key.startsWith('a.') || value === '') continue;
    const question = questions.get(key.slice(2));
    if (!question) {
      errors.push({ field: key, message: `This event has no question "${key.slice(2, 42)}" to filter by.` });
    } else if (question.type === 'checkbox') {
      if (value !== 'yes' && value !== 'no') errors.push({ field: key, message: `"${question.label}" is yes or no.` });
      else answers.push({ questionId: question.id, value: value === 'yes' });
    } else if (!question.options?.includes(value)) {
      errors.push({ field: key, message: `"${question.label}" has no option "${value.slice(0, 100)}".` });
    } else answers.push({ questionId: question.id, value });
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  const v = parsed.data;
  const filter: RegistrationFilter = {
    q: v.q || undefined,
    status: v.status.length ? v.status : undefined,
    checkedIn: v.checkedIn === 'yes' ? true : v.checkedIn === 'no' ? false : undefined,
    answers: answers.length ? answers : undefined,
  };
  return { ok: true, value: { filter, sort: v.sort, page: v.page } };
}

/** The filter back as URL parameters (links to other pages and sorts keep it). */
export function filterParams(f: RegistrationFilter): [string, string][] {
  const out: [string, string][] = [];
  if (f.q) out.push(['q', f.q]);
  for (const s of f.status ?? []) out.push(['status', s]);
  if (f.checkedIn !== undefined) out.push(['checkedIn', f.checkedIn ? 'yes' : 'no']);
  for (const a of f.answers ?? [])
    out.push([`a.${a.questionId}`, typeof a.value === 'boolean' ? (a.value ? 'yes' : 'no') : a.value]);
  return out;
}
