// What every request handler sees: the bindings (typed by `wrangler types` from wrangler.toml in
// worker-configuration.d.ts, plus the optional secrets below) and the values middleware resolves.
import type { CatalogueEvent } from '../model/catalogue.ts';
import type { Organiser, PublicRole } from './access/rules.ts';
import type { ContentSource } from './content/source.ts';
import type { Db } from './db/client.ts';
import type { Person } from './db/people.ts';
import type { Registration } from './db/registrations.ts';
import type { BrowserSession } from './db/sessions.ts';
import type { StripeEnv } from './payments/stripe.ts';

// Secrets are set with `wrangler secret put` and are all optional, which wrangler.toml cannot
// declare (its `secrets.required` would make every one of them mandatory), so they are typed here.
type Secrets = {
  /** Turnstile secret; when set, registrations must pass the human check. */
  TURNSTILE_SECRET_KEY?: string;
  /** Seals personal calendar links so their owner can see them again (access/calendar-key.ts). */
  CALENDAR_LINK_KEY?: string;
  /** Key of the HTTP mail API (MAIL_API_URL). */
  MAIL_API_KEY?: string;
  /** "on" in local development only: messages go to /api/dev/mailbox. */
  DEV_MAILBOX?: string;
  /** Local development only: the worker's clock starts at this instant (browser tests). */
  DEV_NOW?: string;
} & StripeEnv;

export type Bindings = Env & Secrets;

export type AppVariables = {
  content: ContentSource;
  /** This request's database: a D1 session (see http/d1-session.ts). */
  db: Db;
  /** The clock of this request; tests set it. */
  now: Date;
  /** Resolved by middleware from the route's parameters. */
  event: CatalogueEvent;
  registration: Registration;
  /** How this browser holds the registration: through a link delivered by email or not. */
  grant: { proven: boolean; role: PublicRole };
  session: BrowserSession | undefined;
  /** The person signed in, on routes that need one. */
  person: Person;
  /** Who acts for the organisers: a script's token or a signed-in person. */
  organiser: Organiser & ({ tokenId: number } | { personId: number });
};

export type AppEnv = { Bindings: Bindings; Variables: AppVariables };
