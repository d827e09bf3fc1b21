// The audit log page: filters in the URL (so a filtered view can be bookmarked or shared), a page
// of entries newest first, older pages by keyset. A role scoped to events reads only theirs.
import { Hono } from 'hono';
import { type AuditFilterValues, AuditPage } from '../../../ui/console/audit-page.tsx';
import { auditScope, parseAuditFilter, readAudit } from '../../console/audit.ts';
import type { AppEnv } from '../../env.ts';
import { fail } from '../../http/problems.ts';
import { consoleContext } from './context.ts';

const fields = ['eventId', 'actor', 'action', 'registrationId', 'from', 'to'] as const;

export const consoleAudit = new Hono<AppEnv>().get('/console/audit', async (c) => {
  const who = c.var.organiser;
  const role = auditScope(who);
  if (!role.ok) return fail('forbidden', role.reason);
  const params = new URL(c.req.url).searchParams;
  // What was typed goes back into the form as typed (cut short), valid or not.
  const values: AuditFilterValues = Object.fromEntries(
    fields.map((f) => [f, params.get(f)?.slice(0, 300) ?? undefined]),
  );
  const ctx = await consoleContext(c);
  const page = (p: Omit<Parameters<typeof AuditPage>[0], 'ctx' | 'values' | 'scopedEvents'>) => (
    <AuditPage ctx={ctx} values={values} scopedEvents={who.eventIds} {...p} />
  );
  const parsed = parseAuditFilter(params);
  if (!parsed.ok) {
    const errors = Object.fromEntries(parsed.errors.map((e) => [e.field, e.message]));
    return c.html(page({ errors, entries: [], older: null, newest: null }), 400);
  }
  const scope = auditScope(who, parsed.value.eventId);
  if (!scope.ok) return fail('forbidden', scope.reason);
  const { entries, nextBefore } = await readAudit(c.var.db, scope, parsed.value);
  const link = (before: number | null) => {
    const next = new URLSearchParams(fields.flatMap((f) => (values[f] ? [[f, values[f]!]] : [])));
    if (before !== null) next.set('before', String(before));
    const query = next.toString();
    return `/console/audit${query ? `?${query}` : ''}`;
  };
  return c.html(
    page({
      errors: {},
      entries,
      older: nextBefore === null ? null : link(nextBefore),
      newest: parsed.value.before ? link(null) : null,
    }),
  );
});
