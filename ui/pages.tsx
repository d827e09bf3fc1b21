// Small pages the worker answers with: a link that does not work, a refused request, the
// registration form again with its problems, and "already registered".
import type { CatalogueEvent } from '../model/catalogue.ts';
import { Document } from './document.tsx';
import { LINKS_HELP, LinksForm } from './links-form.tsx';
import type { FieldErrors } from './question-fields.tsx';
import { type FormValues, RegistrationForm } from './registration-form.tsx';

export function LinkNotFoundPage() {
  return (
    <Document title="Link not found" private>
      <h1>This link does not work</h1>
      <p>
        It may be mistyped or expired, or the registration was deleted. Open the newest link in your messages, or have
        them all emailed to you again.
      </p>
      <h2>Email me my links</h2>
      <p>{LINKS_HELP}</p>
      <LinksForm id="links" />
      <p>
        <a href="/">See all events</a>
      </p>
    </Document>
  );
}

/** A link followed from another site into a browser that already has a session: one click to confirm. */
export function OpenLinkPage(props: { action: string }) {
  return (
    <Document title="Open your registration" private>
      <h1>Open your registration</h1>
      <p>This browser will keep this registration, so you can come back to it without the link.</p>
      <form method="post" action={props.action}>
        <p>
          <button class="button primary" type="submit">
            Open it
          </button>
        </p>
      </form>
    </Document>
  );
}

/** A request that could not be carried out, with what the person can do about it. */
export function ProblemPage(props: { title: string; message: string; back?: { href: string; label: string } }) {
  return (
    <Document title={props.title}>
      <h1>{props.title}</h1>
      <div class="form-errors" role="alert">
        <p>{props.message}</p>
      </div>
      <p>
        <a href={props.back?.href ?? '/'}>{props.back?.label ?? 'See all events'}</a>
      </p>
    </Document>
  );
}

/** The registration form again, with the typed values kept and each problem next to its field. */
export function RegistrationFormPage(props: {
  event: CatalogueEvent;
  values: FormValues;
  errors: FieldErrors;
  /** A problem that belongs to no field (full, closed, human check). */
  message?: string;
  turnstileSiteKey?: string;
}) {
  const { event } = props;
  return (
    <Document title={`Register for ${event.title}`}>
      <p>
        <a href={`/events/${event.id}/`}>← {event.title}</a>
      </p>
      <h1>Register for {event.title}</h1>
      {props.message && (
        <div class="form-errors" role="alert">
          <p>{props.message}</p>
        </div>
      )}
      <RegistrationForm
        eventId={event.id}
        questions={event.registration.questions}
        mode={event.registration.mode === 'application' ? 'application' : 'open'}
        values={props.values}
        errors={props.errors}
        turnstileSiteKey={props.turnstileSiteKey}
        tickets={event.tickets}
      />
      {props.turnstileSiteKey && <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer />}
    </Document>
  );
}

export function AlreadyRegisteredPage(props: { event: CatalogueEvent; message: string }) {
  return (
    <Document title="Already registered">
      <h1>You're already registered</h1>
      <p class="notice">{props.message}</p>
      <p>
        <a href={`/events/${props.event.id}/`}>Back to {props.event.title}</a>
      </p>
    </Document>
  );
}
