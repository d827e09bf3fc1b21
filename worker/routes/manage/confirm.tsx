// Actions that cannot be taken back ask first. The manage page links to a confirmation page (GET);
// its form posts the action with confirm=yes. A post without it changes nothing and answers the
// same confirmation page, so an old form, a stray click or a script cannot act by accident.
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { type Confirmable, ConfirmPage, confirmText } from '../../../ui/confirm-page.tsx';
import { registrationHolder } from '../../access/middleware.ts';
import type { AppEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { privateHeaders } from '../../http/security-headers.ts';
import { cancellationRefundSentence } from '../../payments/cancellation-refunds.ts';
import { isFormPost } from '../context.ts';
import { notFound } from './not-found.tsx';

/** Where each action posts, under the registration's manage page. */
export const confirmPaths: Record<Confirmable, string> = {
  cancel: 'cancel',
  'opt-out': 'profile/delete',
  'calendar-reset': 'calendar',
  'links-reset': 'links/reset',
};

export async function confirmationPage(c: Context<AppEnv>, kind: Confirmable, action: string, back: string) {
  privateHeaders(c);
  const { event, registration } = c.var;
  const refund =
    kind === 'cancel' && event && registration
      ? await cancellationRefundSentence(c.var.db, event, registration, c.var.now)
      : undefined;
  const text = confirmText(kind, { eventTitle: event?.title ?? 'Gathering', status: registration?.status, refund });
  return c.html(<ConfirmPage text={text} action={action} back={back} />);
}

/** Whether the body says confirm=yes (a form field, or true/"yes" in JSON). */
async function confirmed(c: Context<AppEnv>): Promise<boolean> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!isFormPost(c) && type !== 'application/json') return false;
  const { data } = await readBody(c);
  const value = data && typeof data === 'object' ? (data as Record<string, unknown>).confirm : undefined;
  return value === 'yes' || value === true;
}

/**
 * Lets the action through only when confirmed; otherwise answers the confirmation page. `needed`
 * says whether this action is destructive here (making a first calendar link is not).
 */
export function confirmFirst(
  kind: Confirmable,
  where: (c: Context<AppEnv>) => { action: string; back: string },
  needed: (c: Context<AppEnv>) => boolean | Promise<boolean> = () => true,
): MiddlewareHandler<AppEnv> {
  return async function askFirst(c, next) {
    if (!(await needed(c)) || (await confirmed(c))) return next();
    const { action, back } = where(c);
    return confirmationPage(c, kind, action, back);
  };
}

const holder = registrationHolder(notFound);
const base = (c: Context<AppEnv>) => `/manage/${c.var.registration.id}`;
const anchors: Record<Confirmable, string> = {
  cancel: '',
  'opt-out': '#meet',
  'calendar-reset': '#calendar',
  'links-reset': '#links',
};

/** Where a manage page's action asks first, and where "no" goes back to. */
export const onManagePage = (kind: Confirmable) => (c: Context<AppEnv>) => ({
  action: `${base(c)}/${confirmPaths[kind]}`,
  back: `${base(c)}${anchors[kind]}`,
});

/** The confirmation pages the manage page links to. */
export const manageConfirmations = new Hono<AppEnv>();
for (const kind of Object.keys(confirmPaths) as Confirmable[]) {
  manageConfirmations.get(`/manage/:id{[0-9]+}/${confirmPaths[kind]}`, holder, (c) => {
    const { action, back } = onManagePage(kind)(c);
    return confirmationPage(c, kind, action, back);
  });
}
