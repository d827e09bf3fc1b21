// The pages of "Email me my links": the answer (the same whether or not the address is known) and
// the form on a page of its own, for a mistyped address.
import { Document } from './document.tsx';
import { LINKS_HELP, LinksForm, linksSentMessage } from './links-form.tsx';

export function LinksSentPage(props: { email: string }) {
  return (
    <Document title="Check your email" private>
      <h1>Check your email</h1>
      <p class="notice" role="status">
        {linksSentMessage(props.email)}
      </p>
      <p>
        Each link opens your registration: your ticket, your answers, and cancelling if you cannot come. Nothing came
        within the hour? Ask again, or register with the same address: the event page tells you if you already are.
      </p>
      <p>
        <a href="/">See all events</a>
      </p>
    </Document>
  );
}

/** The form on a page of its own: after a mistyped address, or for people who came without one. */
export function LinksFormPage(props: { email?: string; error?: string }) {
  return (
    <Document title="Email me my links" private>
      <h1>Email me my links</h1>
      <p>{LINKS_HELP}</p>
      <LinksForm id="links" email={props.email} error={props.error} />
    </Document>
  );
}
