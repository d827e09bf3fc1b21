// Exports of an event's registrations for spreadsheets (CSV, with a semicolon variant for Excel in
// European locales) and for scripts (JSON), streamed a page at a time; the console's filter chooses
// whom (worker/console/filter.ts). Reading lists is recorded in the audit log like changing them.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { paymentStates } from '../../../model/payment-status.ts';
import { indexVocabulary } from '../../../model/vocabulary.ts';
import { can, eventFromParam } from '../../access/middleware.ts';
import { filterParams, parseFilter } from '../../console/filter.ts';
import { record } from '../../db/audit.ts';
import { countForExport } from '../../db/export.ts';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../http/openapi.ts';
import { fail, ProblemError } from '../../http/problems.ts';
import type { CsvDelimiter } from '../../registrations/csv.ts';
import { exportStream, MAX_EXPORT_ROWS } from '../../registrations/export-stream.ts';
import { auditBy, eventParam, security } from './shared.ts';

const exportQuery = z.object({
  q: z.string().optional().openapi({ description: 'Text in names, emails, ticket codes and answers' }),
  status: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({ description: 'A status to include; repeat it for several (status=confirmed&status=waitlisted)' }),
  checkedIn: z.enum(['', 'yes', 'no']).optional(),
});

const exportAnswer = z.union([z.string(), z.array(z.string()), z.boolean(), z.null()]);
const exportRecordSchema = z
  .object({
    id: z.number(),
    status: z.string(),
    name: z.string(),
    email: z.string(),
    emailProven: z.boolean(),
    ticketCode: z.string(),
    registeredAt: z.string().openapi({ example: '2026-11-25T08:00:00+01:00' }),
    updatedAt: z.string(),
    waitlistedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionMessage: z.string().nullable(),
    checkedInAt: z.string().nullable(),
    checkedInBy: z.string().nullable(),
    payment: z
      .object({
        orderId: z.string(),
        ticketType: z.string().nullable(),
        pricePaid: z.string().nullable().openapi({ example: '50.00' }),
        currency: z.string(),
        paymentStatus: z.enum(paymentStates),
        refunded: z.string().openapi({ description: "The order's refunded total", example: '0.00' }),
      })
      .nullable()
      .optional()
      .openapi({ description: 'On events with tickets: the paid ticket and its order (null for none)' }),
    answers: z
      .record(z.string(), exportAnswer)
      .openapi({ description: "Answers by question id (the event's questions)" }),
    profile: z
      .object({
        displayName: z.string(),
        bio: z.string().nullable(),
        city: z.string().nullable(),
        offers: z.array(z.string()),
        seeks: z.array(z.string()),
        interests: z.array(z.string()),
        languages: z.array(z.string()),
        visibility: z.enum(['event', 'network']),
        available: z.boolean(),
      })
      .nullable(),
  })
  .openapi('ExportedRegistration');

const exportDescription =
  'Times are in the event\'s zone: in the CSV as "YYYY-MM-DD HH:MM", which spreadsheets read as dates; in JSON ' +
  "as ISO 8601 with the offset. Takes the console's filter: q, status (repeatable), checkedIn (yes/no) and " +
  'a.<question id>=<option> for select, multiselect and checkbox questions (yes/no). Streamed, a page of rows at ' +
  `a time; at most ${MAX_EXPORT_ROWS} rows per export.`;

function exportRoute(format: 'csv' | 'json') {
  return createRoute({
    method: 'get',
    path: `/events/{eventId}/registrations.${format}`,
    operationId: `exportRegistrations${format.toUpperCase()}`,
    summary:
      format === 'csv'
        ? 'Export registrations as CSV for spreadsheets (UTF-8 with BOM, safe against formulas)'
        : 'Export registrations as JSON, with the same fields as the CSV',
    description:
      format === 'csv'
        ? `${exportDescription} delimiter=semicolon gives the variant Excel opens in locales with a decimal comma.`
        : exportDescription,
    tags: ['Organisers'],
    security,
    middleware: [can('registrations.read'), eventFromParam()] as const,
    request: {
      params: eventParam,
      query:
        format === 'csv'
          ? exportQuery.extend({ delimiter: z.enum(['comma', 'semicolon']).default('comma') })
          : exportQuery,
    },
    responses: {
      200: {
        description: 'The export',
        content:
          format === 'csv'
            ? { 'text/csv': { schema: z.string() } }
            : {
                'application/json': {
                  schema: z.object({
                    event: z.object({ id: z.string(), title: z.string(), timeZone: z.string() }),
                    questions: z.array(z.object({ id: z.string(), label: z.string(), type: z.string() })),
                    registrations: z.array(exportRecordSchema),
                  }),
                },
              },
      },
      ...problemResponses(400, 401, 403, 404),
    },
  });
}

async function exportRegistrations(c: Context<AppEnv>, format: 'csv' | 'json') {
  const event = c.var.event;
  const db = c.var.db;
  const params = new URL(c.req.url).searchParams;
  const parsed = parseFilter(params, event);
  if (!parsed.ok)
    throw new ProblemError({
      code: 'validation_failed',
      message: 'The filter is not one this event has; see errors for each part.',
      fields: parsed.errors,
    });
  const filter = parsed.value.filter;
  const rows = await countForExport(db, event.id, filter);
  if (rows > MAX_EXPORT_ROWS)
    return fail(
      'validation_failed',
      `This export would hold ${rows} registrations, more than the ${MAX_EXPORT_ROWS} one file may: export ` +
        'them in parts, filtered by status.',
    );
  const delimiter: CsvDelimiter = params.get('delimiter') === 'semicolon' ? 'semicolon' : 'comma';
  const filtered = filterParams(filter).length > 0;
  await record(
    db,
    auditBy(c, 'registrations.export', {
      eventId: event.id,
      detail: {
        format: format === 'csv' ? `csv (${delimiter})` : 'json',
        rows,
        ...(filtered ? { filtered } : {}),
      },
    }),
  );
  const tags = indexVocabulary((await c.var.content.site()).vocabulary);
  const stream = exportStream(
    db,
    event,
    tags,
    filter,
    format === 'csv' ? { kind: 'csv', delimiter } : { kind: 'json' },
  );
  const name = `${event.id.replace(/\//g, '-')}-registrations${delimiter === 'semicolon' ? '-semicolons' : ''}`;
  return c.body(stream, 200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.${format}"`,
    'cache-control': 'private, no-store',
  });
}

export const adminExports = new OpenAPIHono<AppEnv>()
  .openapi(exportRoute('csv'), (c) => exportRegistrations(c, 'csv'))
  .openapi(exportRoute('json'), (c) => exportRegistrations(c, 'json'));
