// The console's vouchers of an event: list, make one (the code shown once, in this answer) and
// disable, for organisers who may manage vouchers (worker/access/rules.ts).
import { type Context, Hono } from 'hono';
import { eventPath } from '../../../ui/console/layout.tsx';
import { VoucherCreatedPage, type VoucherForm, VouchersPage } from '../../../ui/console/vouchers-page.tsx';
import { can, eventFromParam } from '../../access/middleware.ts';
import type { AppEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { fail } from '../../http/problems.ts';
import {
  createVoucher,
  describeVoucher,
  disableEventVoucher,
  readVoucherInput,
  voucherList,
} from '../../payments/voucher-admin.ts';
import { services } from '../context.ts';
import { consoleContext } from './context.ts';
import { EVENT } from './events.tsx';

const notices: Record<string, string> = { disabled: 'The voucher is disabled: its code no longer works.' };

async function page(c: Context<AppEnv>, form?: VoucherForm, status = 200) {
  const event = c.var.event;
  const tickets = event.tickets ?? [];
  return c.html(
    <VouchersPage
      ctx={await consoleContext(c)}
      event={{ id: event.id, title: event.title, currency: tickets[0]?.currency ?? '' }}
      ticketTypes={tickets.filter((t) => !t.solidarity).map((t) => ({ id: t.id, name: t.name, hidden: t.hidden }))}
      vouchers={await voucherList(services(c), event)}
      form={form}
      notice={notices[c.req.query('done') ?? '']}
    />,
    status as 200,
  );
}

const path = `/console/events/${EVENT}/vouchers`;

export const consoleVouchers = new Hono<AppEnv>()
  .use(path, can('vouchers.manage'), eventFromParam())
  .use(`${path}/*`, can('vouchers.manage'), eventFromParam())
  .get(path, (c) => page(c))
  .post(path, async (c) => {
    const event = c.var.event;
    const { data } = await readBody(c);
    const fields = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
    const input = readVoucherInput(event, fields, c.var.now);
    if (!input.ok) return page(c, { values: input.values, errors: input.fields, message: input.problem.message }, 400);
    const made = await createVoucher(services(c), event, c.var.organiser.name, input.value);
    if (!made.ok)
      return page(
        c,
        { values: input.values, errors: { code: made.problem.message }, message: made.problem.message },
        409,
      );
    return c.html(
      <VoucherCreatedPage
        ctx={await consoleContext(c)}
        event={{ id: event.id, title: event.title }}
        code={made.code}
        what={describeVoucher(event, input.value)}
      />,
      201,
    );
  })
  .post(`${path}/:voucherId{[1-9][0-9]{0,9}}/disable`, async (c) => {
    const event = c.var.event;
    const id = Number(c.req.param('voucherId'));
    const changed = await disableEventVoucher(services(c), event, id, c.var.organiser.name);
    if (!changed && !(await voucherList(services(c), event)).some((v) => v.id === id))
      return fail('not_found', `There is no voucher ${id} for this event.`);
    return c.redirect(`${eventPath(event.id)}/vouchers?done=disabled`, 303);
  });
