// The export page: explains the files and links to the organiser API's exports, which take the
// console's session. The filter in the page's address (the registrations table links here with
// its own) is prefilled and counted.
import { Hono } from 'hono';
import { ExportPage, type ExportQuestion } from '../../../ui/console/export-page.tsx';
import { can, eventFromParam } from '../../access/middleware.ts';
import { filterableQuestions, parseFilter } from '../../console/filter.ts';
import { countForExport } from '../../db/export.ts';
import type { RegistrationFilter } from '../../db/registration-filter.ts';
import type { AppEnv } from '../../env.ts';
import { consoleContext } from './context.ts';
import { EVENT } from './events.tsx';

export const consoleExport = new Hono<AppEnv>().get(
  `/console/events/${EVENT}/export`,
  can('registrations.read'),
  eventFromParam(),
  async (c) => {
    const event = c.var.event;
    const params = new URL(c.req.url).searchParams;
    const parsed = parseFilter(params, event);
    const filter: RegistrationFilter = parsed.ok ? parsed.value.filter : {};
    const filtered = Object.values(filter).some((v) => v !== undefined);
    const questions: ExportQuestion[] = filterableQuestions(event).map((q) => ({
      id: q.id,
      label: q.label,
      type: q.type as ExportQuestion['type'],
      options: q.options ?? [],
    }));
    const answers = Object.fromEntries(
      (filter.answers ?? []).map((a) => [
        a.questionId,
        typeof a.value === 'boolean' ? (a.value ? 'yes' : 'no') : a.value,
      ]),
    );
    return c.html(
      <ExportPage
        ctx={await consoleContext(c)}
        event={{ id: event.id, title: event.title, timeZone: event.timeZone }}
        questions={questions}
        values={{
          q: filter.q,
          status: filter.status ?? [],
          checkedIn: filter.checkedIn === undefined ? undefined : filter.checkedIn ? 'yes' : 'no',
          answers,
        }}
        matching={await countForExport(c.var.db, event.id, filter)}
        filtered={filtered}
        errors={parsed.ok ? [] : parsed.errors.map((e) => e.message)}
      />,
    );
  },
);
