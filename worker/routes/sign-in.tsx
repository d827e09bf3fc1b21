// Signing in by email, for everyone: ask for a link (the same answer whether or not we know the
// address), confirm the link with a button, or type the code; sign out, here or everywhere.
import { type Context, Hono } from 'hono';
import { CheckEmailPage, ConfirmSignInPage, SignInFailedPage, SignInPage } from '../../ui/sign-in.tsx';
import { signInSession, signOut } from '../access/session.ts';
import type { AppEnv } from '../env.ts';
import { limitBody, readBody } from '../http/body.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { privateHeaders } from '../http/security-headers.ts';
import { coarseAgent } from '../people/agent.ts';
import { askToSignIn, readEmail, type SignedIn, signInWithCode, signInWithLink } from '../people/service.ts';
import { services } from './context.ts';

/** Where to go after signing in: a path on this site, never another site. */
function nextPath(input: unknown): string | undefined {
  return typeof input === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,200}$/.test(input) ? input : undefined;
}

const fields = async (c: Context<AppEnv>) => ((await readBody(c)).data ?? {}) as Record<string, unknown>;

async function finish(c: Context<AppEnv>, result: SignedIn, next?: string) {
  if (!result.ok) return undefined;
  await signInSession(c, result.person.id);
  privateHeaders(c);
  return c.redirect(next ?? '/my/', 303);
}

export const signIn = new Hono<AppEnv>()
  .get('/signin', (c) => {
    privateHeaders(c);
    return c.html(<SignInPage next={nextPath(c.req.query('next'))} />);
  })
  .post('/signin', rateLimit(), limitBody(4 * 1024), async (c) => {
    privateHeaders(c);
    const data = await fields(c);
    const next = nextPath(data.next);
    const email = readEmail(data.email);
    if (!email.ok) {
      const typed = typeof data.email === 'string' ? data.email.slice(0, 254) : '';
      return c.html(<SignInPage next={next} email={typed} error={email.problem.message} />, 400);
    }
    await askToSignIn(services(c), email.email, email.key);
    return c.html(<CheckEmailPage email={email.email} next={next} />);
  })
  .post('/signin/code', rateLimit(), limitBody(4 * 1024), async (c) => {
    privateHeaders(c);
    const data = await fields(c);
    const next = nextPath(data.next);
    const email = readEmail(data.email);
    const code = typeof data.code === 'string' ? data.code.trim() : '';
    const agent = coarseAgent(c.req.header('user-agent'));
    const result = email.ok ? await signInWithCode(services(c), email.key, code, agent) : { ok: false as const };
    const done = await finish(c, result, next);
    if (done) return done;
    const error = 'That code does not work. Check it, or ask for a new link: a code allows five tries.';
    return c.html(<CheckEmailPage email={email.ok ? email.email : ''} next={next} error={error} />, 400);
  })
  .get('/signin/:token{g_[A-Za-z0-9_-]{43}}', (c) => {
    privateHeaders(c);
    return c.html(<ConfirmSignInPage token={c.req.param('token')} />);
  })
  .post('/signin/:token{g_[A-Za-z0-9_-]{43}}', rateLimit(), async (c) => {
    const agent = coarseAgent(c.req.header('user-agent'));
    const done = await finish(c, await signInWithLink(services(c), c.req.param('token'), agent));
    if (done) return done;
    privateHeaders(c);
    return c.html(<SignInFailedPage />, 404);
  })
  .post('/signout', limitBody(1024), async (c) => {
    const data = await fields(c);
    await signOut(c, data.everywhere === 'on');
    // What this browser kept for the person (the door's offline list and page) goes with the session.
    c.header('clear-site-data', '"cache", "storage"');
    return c.redirect('/', 303);
  });
