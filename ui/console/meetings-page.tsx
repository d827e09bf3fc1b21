// The 1:1 meetings page: the stored schedule's figures per event and per slot, and (for those who
// may schedule) the scheduler run in this browser by /scripts/console/meetings.js. Without
// JavaScript the page says how to run it from a terminal instead.
import { type ConsoleContext, ConsoleDocument, eventPath } from './layout.tsx';

export type SlotRow = { number: number; when: string; tables: number; meetings: number; started: boolean };

export type MeetingFigures = {
  participants: number;
  meetings: number;
  meetingsPerPerson: { min: number; median: number; max: number };
  scores: { median: number; total: number };
  unmatched: number;
};

const round = (n: number) => Math.round(n * 10) / 10;

export function MeetingsPage(props: {
  ctx: ConsoleContext;
  event: { id: string; title: string };
  figures: MeetingFigures;
  slots: SlotRow[];
  /** Whether this organiser may run the scheduler and store its meetings. */
  maySchedule: boolean;
}) {
  const { event, figures: f } = props;
  const api = `/api/admin/events/${encodeURIComponent(event.id)}/meetings`;
  const open = props.slots.filter((s) => !s.started).length;
  return (
    <ConsoleDocument
      title={`1:1 meetings · ${event.title}`}
      ctx={props.ctx}
      scripts={props.maySchedule && open > 0 && <script type="module" src="/scripts/console/meetings.js" />}
    >
      <p>
        <a href={`${eventPath(event.id)}/`}>← {event.title}</a>
      </p>
      <h1>1:1 meetings</h1>
      {props.slots.length === 0 ? (
        <p>
          This event has no networking slots. Add them to the event's content (<code>networking: slots:</code>) to
          schedule 1:1 meetings.
        </p>
      ) : (
        <>
          <h2>Stored now</h2>
          <dl class="counts">
            <div>
              <dt>Taking part</dt>
              <dd>{f.participants}</dd>
            </div>
            <div>
              <dt>Meetings</dt>
              <dd>{f.meetings}</dd>
            </div>
            <div>
              <dt>Per person</dt>
              <dd>
                {f.meetingsPerPerson.min}–{f.meetingsPerPerson.max}
              </dd>
            </div>
            <div>
              <dt>Without a meeting</dt>
              <dd>{f.unmatched}</dd>
            </div>
            <div>
              <dt>Total score</dt>
              <dd>{round(f.scores.total)}</dd>
            </div>
          </dl>
          <p class="meta">
            Taking part: people with a confirmed place who opted in to 1:1 meetings. A meeting's score is how well the
            two fit (offers meeting seeks, shared interests); the median meeting scores {round(f.scores.median)}, and
            people have {f.meetingsPerPerson.median} meetings at the median.
          </p>
          <div class="table-scroll">
            <table class="data">
              <caption>Networking slots</caption>
              <thead>
                <tr>
                  <th scope="col">Slot</th>
                  <th scope="col">When</th>
                  <th scope="col">Tables</th>
                  <th scope="col">Meetings</th>
                </tr>
              </thead>
              <tbody>
                {props.slots.map((s) => (
                  <tr>
                    <th scope="row">{s.number}</th>
                    <td>
                      {s.when}
                      {s.started && ' (started)'}
                    </td>
                    <td>{s.tables}</td>
                    <td>{s.meetings}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {props.maySchedule && props.slots.length > 0 && (
        <section aria-labelledby="schedule-heading">
          <h2 id="schedule-heading">Schedule</h2>
          {open === 0 ? (
            <p>Every slot has started, so the schedule can no longer change.</p>
          ) : (
            <div
              data-scheduler
              data-plan={`${api}/plan`}
              data-store={api}
              data-worker="/scripts/console/scheduler-worker.js"
            >
              <p>
                The scheduler pairs the people taking part for the {open} {open === 1 ? 'slot' : 'slots'} that have not
                started, and replaces their meetings; slots that have started keep theirs. It runs in this browser,
                which may take a few seconds for a large event; the server checks the result before storing it.
              </p>
              <p class="scheduler-run" hidden>
                <button class="button primary" type="button" data-run>
                  Run the scheduler
                </button>
              </p>
              <p data-status role="status" aria-live="polite" />
              <progress data-progress max={1} value={0} aria-label="Scheduling" hidden>
                Scheduling
              </progress>
              <dl class="counts" data-figures hidden>
                <div>
                  <dt>People</dt>
                  <dd data-figure="people" />
                </div>
                <div>
                  <dt>Meetings</dt>
                  <dd data-figure="meetings" />
                </div>
                <div>
                  <dt>Slots</dt>
                  <dd data-figure="slots" />
                </div>
                <div>
                  <dt>Total score</dt>
                  <dd data-figure="score" />
                </div>
                <div>
                  <dt>Time taken</dt>
                  <dd data-figure="time" />
                </div>
              </dl>
              <p data-store-row hidden>
                <button class="button primary" type="button" data-store-button>
                  Store these meetings
                </button>
              </p>
              <div class="form-errors" data-problems role="alert" hidden />
              <p class="meta">
                Without JavaScript, or from a terminal: <code>npm run schedule -- --event {event.id}</code> (add{' '}
                <code>--remote --url https://your.site</code> for the deployed site).
              </p>
            </div>
          )}
        </section>
      )}
    </ConsoleDocument>
  );
}
