// Signing in by email: asking for a link, checking the mailbox (with a code for people who read
// mail on another device), and confirming the link with a button (mail scanners open links too).
import { Document } from './document.tsx';
import { FieldError } from './question-fields.tsx';

export function SignInPage(props: { next?: string; email?: string; error?: string }) {
  return (
    <Document title="Sign in" private>
      <h1>Sign in</h1>
      <p class="lede">
        We email you a link and a code. No password: your email is your account, for every event at once.
      </p>
      <form class="registration" method="post" action="/signin" novalidate>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <div class="field">
          <label for="signin-email">Email</label>
          <input
            id="signin-email"
            name="email"
            type="email"
            autocomplete="email"
            maxlength={254}
            required
            value={props.email ?? ''}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'signin-email-error' : undefined}
          />
          <FieldError id="signin-email" message={props.error} />
        </div>
        <p>
          <button class="button primary" type="submit">
            Email me a sign-in link
          </button>
        </p>
      </form>
    </Document>
  );
}

/** The same page whether or not the address is known to us. */
export function CheckEmailPage(props: { email: string; next?: string; error?: string }) {
  return (
    <Document title="Check your email" private>
      <h1>Check your email</h1>
      <p class="notice" role="status">
        If {props.email} can receive email, a sign-in link and a code are on their way. They work once, for 15 minutes.
      </p>
      <h2>Reading your mail on another device?</h2>
      <form class="registration" method="post" action="/signin/code" novalidate>
        <input type="hidden" name="email" value={props.email} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <div class="field">
          <label for="signin-code">The 6-digit code from the message</label>
          <input
            id="signin-code"
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={6}
            pattern="[0-9]{6}"
            required
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'signin-code-error' : undefined}
          />
          <FieldError id="signin-code" message={props.error} />
        </div>
        <p>
          <button class="button primary" type="submit">
            Sign in with the code
          </button>
        </p>
      </form>
      <p>
        Nothing came? Check the spam folder, or <a href="/signin">ask again</a>.
      </p>
    </Document>
  );
}

export function ConfirmSignInPage(props: { token: string }) {
  return (
    <Document title="Sign in" private>
      <h1>Sign in to Gathering</h1>
      <p>One more step, so that nothing happens when a mail scanner opens the link before you do.</p>
      <form method="post" action={`/signin/${props.token}`}>
        <p>
          <button class="button primary" type="submit">
            Sign in
          </button>
        </p>
      </form>
    </Document>
  );
}

export function SignInFailedPage() {
  return (
    <Document title="This link does not work" private>
      <h1>This sign-in link does not work</h1>
      <p>It has expired, or it was used already: each link works once, for 15 minutes.</p>
      <p>
        <a class="button primary" href="/signin">
          Ask for a new link
        </a>
      </p>
    </Document>
  );
}
