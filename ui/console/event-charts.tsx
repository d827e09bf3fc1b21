// The event overview's charts: registrations per day, and check-ins per hour on the event's days,
// each with a sentence that says what it shows. Days and hours are the event's own (its zone).
import { formatDay } from '../../model/time-format.ts';
import { type Bar, BarChart } from './charts.tsx';

export type DayCount = { date: string; count: number };
export type HourCount = { hour: number; count: number };

export type OverviewCharts = {
  timeZone: string;
  /** Days of the registration window up to today (at most 30); null before registration opens. */
  registrations: DayCount[] | null;
  checkIns: {
    /** Whether the event has begun: before, the chart's place says when it will show. */
    started: boolean;
    /** The event's days that had check-ins, with the hours around them. */
    days: { date: string; hours: HourCount[] }[];
  };
};

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "3 Nov" */
const shortDay = (date: string) => `${Number(date.slice(8, 10))} ${months[Number(date.slice(5, 7)) - 1]}`;
/** "Tuesday 3 November 2026" */
const longDay = (date: string) => formatDay(`${date}T00:00`);
const hh = (hour: number) => String(hour).padStart(2, '0');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The bar with the highest value (the first of equals), for the summary. */
const busiest = <T extends { count: number }>(xs: T[]) =>
  xs.reduce<T | undefined>((best, x) => (x.count > (best?.count ?? 0) ? x : best), undefined);

function RegistrationsChart(props: { days: DayCount[] }) {
  const { days } = props;
  const total = days.reduce((n, d) => n + d.count, 0);
  const top = busiest(days);
  const bars: Bar[] = days.map((d) => ({ label: shortDay(d.date), long: longDay(d.date), value: d.count }));
  const range =
    days.length === 1
      ? `on ${longDay(days[0]!.date)}`
      : `in the ${days.length} days from ${longDay(days[0]!.date)} to ${longDay(days.at(-1)!.date)}`;
  return (
    <BarChart
      id="chart-registrations"
      bars={bars}
      columns={['Day', 'Registrations']}
      summary={`${plural(total, 'registration', 'registrations')} ${range}${
        top ? `; the most, ${top.count}, on ${longDay(top.date)}` : ''
      }.`}
    />
  );
}

function CheckInChart(props: { date: string; hours: HourCount[] }) {
  const total = props.hours.reduce((n, h) => n + h.count, 0);
  const top = busiest(props.hours);
  const bars: Bar[] = props.hours.map((h) => ({
    label: hh(h.hour),
    long: `${hh(h.hour)}:00–${hh((h.hour + 1) % 24)}:00`,
    value: h.count,
  }));
  return (
    <BarChart
      id={`chart-check-ins-${props.date}`}
      bars={bars}
      columns={['Hour', 'Check-ins']}
      summary={`${plural(total, 'check-in', 'check-ins')} on ${longDay(props.date)}${
        top ? `; the most, ${top.count}, between ${hh(top.hour)}:00 and ${hh((top.hour + 1) % 24)}:00` : ''
      }.`}
    />
  );
}

export function EventCharts(props: { charts: OverviewCharts }) {
  const { registrations, checkIns, timeZone } = props.charts;
  return (
    <section class="charts" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Over time</h2>
      <p class="meta">Days and hours in the event's time zone ({timeZone}).</p>
      <h3>Registrations per day</h3>
      {registrations === null ? (
        <p>Registration has not opened yet.</p>
      ) : registrations.every((d) => d.count === 0) ? (
        <p>No registrations in the last {plural(registrations.length, 'day', 'days')}.</p>
      ) : (
        <RegistrationsChart days={registrations} />
      )}
      <h3>Check-ins per hour</h3>
      {checkIns.days.length > 0 ? (
        checkIns.days.map((d) => <CheckInChart date={d.date} hours={d.hours} />)
      ) : (
        <p>{checkIns.started ? 'Nobody has checked in yet.' : 'Check-ins will show here on the day of the event.'}</p>
      )}
    </section>
  );
}
