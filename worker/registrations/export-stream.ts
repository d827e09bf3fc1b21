// Streams an export while reading it: one page of registrations per pull, so a 5,000-person event
// costs a handful of D1 queries and the worker holds one page at a time, however large the event.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { TagIndex } from '../../model/vocabulary.ts';
import type { Db } from '../db/client.ts';
import { exportPage } from '../db/export.ts';
import type { RegistrationFilter } from '../db/registration-filter.ts';
import { BOM, type CsvDelimiter, csvLine } from './csv.ts';
import { type ExportContext, type ExportRow, exportCells, exportHeader, exportRecord } from './export.ts';

/** Rows per D1 query. */
export const EXPORT_PAGE = 1000;
/**
 * The most rows one export holds: its pages, the sign-in lookups, the count and the audit entry
 * stay within the free plan's 50 D1 queries a request.
 */
export const MAX_EXPORT_ROWS = 40 * EXPORT_PAGE;

export type ExportFormat = { kind: 'csv'; delimiter: CsvDelimiter } | { kind: 'json' };

export function exportStream(
  db: Db,
  event: CatalogueEvent,
  tags: TagIndex,
  filter: RegistrationFilter,
  format: ExportFormat,
): ReadableStream<Uint8Array> {
  const tickets = event.tickets?.length ? new Map(event.tickets.map((t) => [t.id, t.name])) : undefined;
  const x: ExportContext = { zone: event.timeZone, questions: event.registration.questions, tags, tickets };
  const encoder = new TextEncoder();
  const head =
    format.kind === 'csv'
      ? BOM + csvLine(exportHeader(x.questions, Boolean(tickets)), format.delimiter)
      : `{"event":${JSON.stringify({ id: event.id, title: event.title, timeZone: event.timeZone })},` +
        `"questions":${JSON.stringify(x.questions.map((q) => ({ id: q.id, label: q.label, type: q.type })))},` +
        '"registrations":[';
  const encode = (rows: ExportRow[], first: boolean) =>
    format.kind === 'csv'
      ? rows.map((r) => csvLine(exportCells(r, x), format.delimiter)).join('')
      : (first ? '' : ',') + rows.map((r) => JSON.stringify(exportRecord(r, x))).join(',');
  let after = 0;
  let pages = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head));
    },
    async pull(controller) {
      const page = await exportPage(db, event.id, filter, after, EXPORT_PAGE);
      pages++;
      if (page.length) {
        controller.enqueue(encoder.encode(encode(page, !started)));
        started = true;
        after = page.at(-1)!.id;
      }
      if (page.length < EXPORT_PAGE || pages * EXPORT_PAGE >= MAX_EXPORT_ROWS) {
        if (format.kind === 'json') controller.enqueue(encoder.encode(']}'));
        controller.close();
      }
    },
  });
}
