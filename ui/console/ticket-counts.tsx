// Counts per ticket type on an event's overview: sold (confirmed), held for payment, cancelled and
// what is left of each type's quantity; and the solidarity tickets bought, given and waiting.
export type TicketCountRow = {
  name: string;
  price: string;
  confirmed: number;
  held: number;
  cancelled: number;
  /** What is left of the type's quantity; null without one (the event's capacity still applies). */
  left: number | null;
};

export function TicketCounts(props: {
  rows: TicketCountRow[];
  solidarity: { bought: number; given: number; available: number } | null;
}) {
  return (
    <section aria-labelledby="tickets-heading">
      <h2 id="tickets-heading">Tickets</h2>
      <section class="table-scroll" aria-label="Tickets per type" tabindex={0}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Price</th>
              <th scope="col">Confirmed</th>
              <th scope="col">Awaiting payment</th>
              <th scope="col">Cancelled</th>
              <th scope="col">Left</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td>{r.price}</td>
                <td>{r.confirmed}</td>
                <td>{r.held}</td>
                <td>{r.cancelled}</td>
                <td>{r.left ?? 'no limit of its own'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {props.solidarity && (
        <p>
          Solidarity tickets: {props.solidarity.bought} bought by other buyers, {props.solidarity.given} given to
          applicants, {props.solidarity.available} waiting for someone.
        </p>
      )}
    </section>
  );
}
