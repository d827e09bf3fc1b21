// A person's matching actions from their manage page: opt in or update the profile, opt out, ask
// to meet someone, answer an introduction. Plain form posts answered with 303 redirects.
import { Hono } from 'hono';
import { profileInputSchema } from '../../../model/profile.ts';
import { oneLine } from '../../../model/text.ts';
import { registrationHolder } from '../../access/middleware.ts';
import type { AppEnv } from '../../env.ts';
import { limitBody, readBody } from '../../http/body.ts';
import { fieldProblems } from '../../http/openapi.ts';
import { answerIntroduction, askIntroduction, optOut, saveProfile } from '../../matching/service.ts';
import { scheduleDelivery } from '../../messages/delivery.ts';
import { mayChange } from '../../registrations/lifecycle.ts';
import { notFound } from './index.tsx';
import { renderManagePage } from './page.tsx';

const holder = registrationHolder(notFound);

export const manageMatching = new Hono<AppEnv>()
  .post('/manage/:id{[0-9]+}/profile', limitBody(16 * 1024), holder, async (c) => {
    const { registration: r } = c.var;
    if (!mayChange(r.status, c.var.event)) return c.redirect(`/manage/${r.id}`, 303);
    const parsed = profileInputSchema.safeParse((await readBody(c)).data);
    if (!parsed.success) {
      const errors = Object.fromEntries(
        fieldProblems(parsed.error.issues).map((f) => [f.field.split('.')[0]!, f.message]),
      );
      return renderManagePage(c, { profileErrors: errors });
    }
    const site = await c.var.content.site();
    await saveProfile(c.var.db, site.vocabulary, r, parsed.data, c.var.now);
    return c.redirect(`/manage/${r.id}#meet`, 303);
  })
  .post('/manage/:id{[0-9]+}/profile/delete', holder, async (c) => {
    await optOut(c.var.db, c.var.event, c.var.registration, c.var.now);
    return c.redirect(`/manage/${c.var.registration.id}#meet`, 303);
  })
  .post('/manage/:id{[0-9]+}/introductions', limitBody(4 * 1024), holder, async (c) => {
    const { registration: r } = c.var;
    if (!mayChange(r.status, c.var.event)) return c.redirect(`/manage/${r.id}`, 303);
    const body = ((await readBody(c)).data ?? {}) as Record<string, unknown>;
    const note = typeof body.note === 'string' ? oneLine(body.note).slice(0, 500) : '';
    const to = Number(body.to);
    const asked = Number.isSafeInteger(to)
      ? await askIntroduction(c.var.db, c.var.content, r, to, note, c.var.now)
      : ({ ok: false, reason: 'That person is not available for introductions.' } as const);
    if (!asked.ok) return renderManagePage(c, { profileErrors: { introduction: asked.reason } });
    c.executionCtx.waitUntil(
      scheduleDelivery({ env: c.env, content: c.var.content }, { registrationId: asked.toRegistration }),
    );
    return c.redirect(`/manage/${r.id}#meet`, 303);
  })
  .post('/manage/:id{[0-9]+}/introductions/:introduction{[0-9]+}', limitBody(1024), holder, async (c) => {
    const { registration: r, event } = c.var;
    if (!mayChange(r.status, c.var.event)) return c.redirect(`/manage/${r.id}`, 303);
    const body = ((await readBody(c)).data ?? {}) as Record<string, unknown>;
    const decision = body.decision === 'accept' ? 'accepted' : body.decision === 'decline' ? 'declined' : undefined;
    const id = Number(c.req.param('introduction'));
    const asker = decision ? await answerIntroduction(c.var.db, event, r, id, decision, c.var.now) : undefined;
    if (asker !== undefined)
      c.executionCtx.waitUntil(scheduleDelivery({ env: c.env, content: c.var.content }, { registrationId: asker }));
    return c.redirect(`/manage/${r.id}#meet`, 303);
  });
