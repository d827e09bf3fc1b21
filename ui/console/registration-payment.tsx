// A registration's paid ticket on its console page: the ticket type, the price paid and the order;
// and, for a pending application when a buyer paid for a solidarity ticket, approving with one.
import { type ConsoleContext, CsrfField, eventPath } from './layout.tsx';

export function RegistrationPayment(props: {
  ctx: ConsoleContext;
  eventId: string;
  registrationId: number;
  name: string;
  ticket?: { type: string; price: string; orderId: string | null };
  /** Solidarity tickets available, when this organiser may approve this pending application with one. */
  solidarity?: number;
}) {
  const t = props.ticket;
  return (
    <>
      {t && (
        <>
          <h2>Ticket</h2>
          <dl class="facts-list">
            <dt>Type</dt>
            <dd>{t.type}</dd>
            <dt>Price paid</dt>
            <dd>{t.price}</dd>
            {t.orderId && (
              <>
                <dt>Order</dt>
                <dd>
                  <a href={`${eventPath(props.eventId)}/orders/${t.orderId}`}>See the order and its payment</a>
                </dd>
              </>
            )}
          </dl>
        </>
      )}
      {props.solidarity !== undefined && props.solidarity > 0 && (
        <form
          method="post"
          action={`${eventPath(props.eventId)}/registrations/${props.registrationId}/solidarity`}
          class="action"
        >
          <CsrfField ctx={props.ctx} />
          <p>
            <label for="note-solidarity">A note in the message to {props.name} (optional)</label>
            <textarea id="note-solidarity" name="message" maxlength={1000} rows={2} />
          </p>
          <button class="button" type="submit">
            Approve with a solidarity ticket ({props.solidarity} available)
          </button>
        </form>
      )}
    </>
  );
}
