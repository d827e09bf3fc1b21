// "Email me my links": the one field people need to find their registrations again, wherever they
// might look for it (an event page, a link that does not work, the footer), and the page that
// answers it (ui/links-pages.tsx), the same whether or not we know the address.
import { FieldError } from './question-fields.tsx';

export const MY_LINKS_ACTION = '/api/my-links';

export type LinksFormProps = {
  /** Unique on its page: the footer's form and a page's own can both be there. */
  id: string;
  email?: string;
  error?: string;
};

/** A plain form that posts to the worker; event pages' script sends it in place. */
export function LinksForm(props: LinksFormProps) {
  const input = `${props.id}-email`;
  return (
    <form class="links-form" method="post" action={MY_LINKS_ACTION} novalidate data-links-form>
      <label for={input}>Address you registered with</label>
      <span class="links-row">
        <input
          id={input}
          name="email"
          type="email"
          autocomplete="email"
          maxlength={254}
          required
          value={props.email ?? ''}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? `${input}-error` : undefined}
        />
        <button class="button" type="submit">
          Email me my links
        </button>
      </span>
      <FieldError id={input} message={props.error} />
      <span class="form-status" role="status" aria-live="polite" />
    </form>
  );
}

/** What people who lost their email are told, before the form. */
export const LINKS_HELP =
  'Lost the email with your link? Type the address you registered with: we email it the links to all ' +
  'your registrations.';

/** The answer: the same words whether or not the address has registrations. */
export function linksSentMessage(email: string) {
  return (
    `If ${email} has registrations with us, a message with a link to each is on its way. ` +
    'It can take a few minutes; check the spam folder too.'
  );
}
