// Sales per ticket type and day on the event overview: a stacked bar per day (one colour per ticket
// type, drawn with classes only, as the CSP allows no inline style), a caption that says what it
// shows, and the numbers as a table with a column per type, the tickets and the money taken.
import { formatDay } from '../../model/time-format.ts';
import { CHART, ChartCanvas, chartGeometry } from './charts.tsx';

export type TicketTypeRef = { id: string; name: string };
export type SalesDay = { date: string; byType: number[]; tickets: number; amountMinor: number };
export type SalesSeries = {
  /** The event's ticket types in its order, then any type sold but no longer listed. */
  types: TicketTypeRef[];
  days: SalesDay[];
  totals: { byType: number[]; tickets: number; amountMinor: number };
};

/** Colours repeat after this many types (the table tells them apart in any case). */
export const SERIES_CLASSES = 4;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDay = (date: string) => `${Number(date.slice(8, 10))} ${months[Number(date.slice(5, 7)) - 1]}`;
const longDay = (date: string) => formatDay(`${date}T00:00`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Each day's bar cut into its ticket types, bottom up in the types' order. */
export function stackedBars(series: SalesSeries) {
  const g = chartGeometry(series.days.map((d) => d.tickets));
  const plotBottom = CHART.height - CHART.bottom;
  return {
    ...g,
    stacks: series.days.map((d, i) => {
      const bar = g.bars[i]!;
      const perTicket = d.tickets > 0 ? bar.height / d.tickets : 0;
      let y = plotBottom;
      return d.byType.flatMap((n, type) => {
        if (n === 0) return [];
        const height = Math.round(n * perTicket * 100) / 100;
        y = Math.round((y - height) * 100) / 100;
        return [{ type, x: bar.x, y, width: bar.width, height, n }];
      });
    }),
  };
}

export function SalesChart(props: { series: SalesSeries; money: (minor: number) => string; timeZone: string }) {
  const { series, money } = props;
  const { days, types, totals } = series;
  const g = stackedBars(series);
  const top = days.reduce<SalesDay | undefined>((b, d) => (d.tickets > (b?.tickets ?? 0) ? d : b), undefined);
  const shown = days.reduce((n, d) => n + d.tickets, 0);
  const range =
    days.length === 1
      ? `on ${longDay(days[0]!.date)}`
      : `in the ${days.length} days from ${longDay(days[0]!.date)} to ${longDay(days.at(-1)!.date)}`;
  return (
    <section class="charts" aria-labelledby="sales-heading">
      <h2 id="sales-heading">Sales</h2>
      <p class="meta">
        Paid tickets by the day their order was paid, in the event's time zone ({props.timeZone}):{' '}
        {plural(totals.tickets, 'ticket', 'tickets')}, {money(totals.amountMinor)} in all.
      </p>
      {shown === 0 ? (
        <p>No tickets sold in the last {plural(days.length, 'day', 'days')}.</p>
      ) : (
        <figure class="chart" id="chart-sales">
          <figcaption>
            {`${plural(shown, 'ticket', 'tickets')} sold ${range}${top ? `; the most, ${top.tickets}, on ${longDay(top.date)}` : ''}.`}
          </figcaption>
          <ul class="sales-legend" aria-hidden="true">
            {types.map((t, i) => (
              <li>
                <span class={`swatch series-${i % SERIES_CLASSES}`} /> {t.name}
              </li>
            ))}
          </ul>
          <ChartCanvas geometry={g} label={(i) => shortDay(days[i]!.date)}>
            {g.stacks.flatMap((stack, day) =>
              stack.map((s) => (
                <rect class={`series-${s.type % SERIES_CLASSES}`} x={s.x} y={s.y} width={s.width} height={s.height}>
                  <title>{`${longDay(days[day]!.date)}, ${types[s.type]!.name}: ${s.n}`}</title>
                </rect>
              )),
            )}
          </ChartCanvas>
          <details>
            <summary>The numbers</summary>
            <section class="table-scroll" aria-label="Sales per day" tabindex={0}>
              <table class="data">
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    {types.map((t) => (
                      <th scope="col">{t.name}</th>
                    ))}
                    <th scope="col">Tickets</th>
                    <th scope="col">Paid</th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) => (
                    <tr>
                      <th scope="row">{longDay(d.date)}</th>
                      {d.byType.map((n) => (
                        <td>{n}</td>
                      ))}
                      <td>{d.tickets}</td>
                      <td>{money(d.amountMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </details>
        </figure>
      )}
    </section>
  );
}
