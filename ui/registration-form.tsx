// The registration form, rendered from the event's questions. The static event page and the
// worker's "please fix these fields" page both use it, so the two never drift apart.
import type { Question } from '../model/content.ts';
import type { CatalogueTicket } from '../model/tickets.ts';
import { describedBy, ErrorSummary, FieldError, type FieldErrors, QuestionFields } from './question-fields.tsx';
import { TicketFields, type TicketValues } from './ticket-fields.tsx';

export type FormValues = {
  name?: unknown;
  email?: unknown;
  consent?: unknown;
  answers?: Record<string, unknown>;
  profile?: { offers?: unknown; seeks?: unknown; interests?: unknown };
} & TicketValues;

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const listText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : text(v));

export type RegistrationFormProps = {
  eventId: string;
  questions: readonly Question[];
  mode: 'open' | 'application';
  values?: FormValues;
  errors?: FieldErrors;
  turnstileSiteKey?: string;
  /** The event's ticket types, when it has any (ui/ticket-fields.tsx). */
  tickets?: CatalogueTicket[];
};

export function RegistrationForm(props: RegistrationFormProps) {
  const { values = {}, errors = {}, questions } = props;
  const invalid = (field: string) => (errors[field] ? ('true' as const) : undefined);
  return (
    <form
      class="registration"
      method="post"
      action={`/api/events/${props.eventId}/registrations`}
      data-registration-form
      data-questions={questions.map((q) => q.id).join(' ')}
      data-rules={JSON.stringify(questions)}
      novalidate
    >
      <ErrorSummary errors={errors} questions={questions} />
      <div class="field">
        <label for="r-name">
          Your name <span class="required">(required)</span>
        </label>
        <input
          id="r-name"
          name="name"
          autocomplete="name"
          maxlength={100}
          required
          value={text(values.name)}
          aria-describedby={describedBy('r-name', false, Boolean(errors.name))}
          aria-invalid={invalid('name')}
        />
        <FieldError id="r-name" message={errors.name} />
      </div>
      <div class="field">
        <label for="r-email">
          Email <span class="required">(required)</span>
        </label>
        <input
          id="r-email"
          name="email"
          type="email"
          autocomplete="email"
          maxlength={254}
          required
          value={text(values.email)}
          aria-describedby={describedBy('r-email', false, Boolean(errors.email))}
          aria-invalid={invalid('email')}
        />
        <FieldError id="r-email" message={errors.email} />
      </div>
      {props.tickets && (
        <TicketFields
          tickets={props.tickets}
          values={values}
          errors={errors}
          afterApproval={props.mode === 'application'}
        />
      )}
      <QuestionFields questions={questions} answers={values.answers} errors={errors} />
      <fieldset class="field">
        <legend>Meet other attendees (optional)</legend>
        <label class="choice">
          <input type="checkbox" id="r-optin" name="profile.optIn" value="on" checked={Boolean(values.profile)} />{' '}
          Suggest people for me to meet, and let people at this event find me. Only the name and the words below are
          shown; you can change this any time.
        </label>
        <div class="field">
          <label for="r-offers">What you offer</label>
          <input
            id="r-offers"
            name="profile.offers"
            maxlength={300}
            placeholder="product design, pricing"
            value={listText(values.profile?.offers)}
          />
        </div>
        <div class="field">
          <label for="r-seeks">What you are looking for</label>
          <input id="r-seeks" name="profile.seeks" maxlength={300} value={listText(values.profile?.seeks)} />
        </div>
        <div class="field">
          <label for="r-interests">Interests</label>
          <input
            id="r-interests"
            name="profile.interests"
            maxlength={300}
            value={listText(values.profile?.interests)}
          />
        </div>
      </fieldset>
      <div class="field hp" aria-hidden="true">
        <label for="r-homepage">Leave this empty</label>
        <input id="r-homepage" name="homepage" tabindex={-1} autocomplete="off" />
      </div>
      <div class="field">
        <label class="choice">
          <input
            type="checkbox"
            id="r-consent"
            name="consent"
            value="on"
            required
            checked={values.consent === true}
            aria-invalid={invalid('consent')}
            aria-describedby={errors.consent ? 'r-consent-error' : undefined}
          />{' '}
          <span>
            I agree that the organisers keep my name, email and answers to run this event, as described in the{' '}
            <a href="/privacy/">privacy notice</a>. <span class="required">(required)</span>
          </span>
        </label>
        <FieldError id="r-consent" message={errors.consent} />
      </div>
      {props.turnstileSiteKey && <div class="cf-turnstile" data-sitekey={props.turnstileSiteKey} />}
      <p>
        <button class="button primary" type="submit">
          {props.mode === 'application' ? 'Send my application' : 'Register'}
        </button>
      </p>
      <p class="form-status" role="status" aria-live="polite" />
    </form>
  );
}
