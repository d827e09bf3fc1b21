// The door page, made for a volunteer's phone: scan a ticket or search by name, a big answer,
// live counts. Its script (site/scripts/console/door.ts) keeps the check-in list on the device and
// works offline; without JavaScript the search form still finds people and checks them in.
import { type ConsoleContext, ConsoleDocument, CsrfField, eventPath } from './layout.tsx';

export type DoorTicketView = {
  code: string;
  name: string;
  /** "10:02 by ana@example.org", when checked in. */
  checkedIn: string | null;
  /** Why the door refuses it, when it may not pass. */
  refusal: string | null;
};

/** The answer to one ticket, as the script draws it too: green to let in, red with the reason. */
export type DoorAnswer = { ok: boolean; title: string; name?: string; detail: string };

export function DoorAnswerView(props: { answer: DoorAnswer }) {
  const a = props.answer;
  return (
    <div class={`door-answer ${a.ok ? 'door-ok' : 'door-no'}`}>
      <p class="door-verdict">{a.title}</p>
      {a.name && <p class="door-name">{a.name}</p>}
      <p>{a.detail}</p>
    </div>
  );
}

export function DoorPage(props: {
  ctx: ConsoleContext;
  event: { id: string; title: string; timeZone: string };
  counts: { confirmed: number; checkedIn: number };
  q: string;
  /** Search results of the form without JavaScript. */
  results?: DoorTicketView[];
  answer?: DoorAnswer;
}) {
  const base = eventPath(props.event.id);
  const door = `${base}/door`;
  return (
    <ConsoleDocument
      title={`Door: ${props.event.title}`}
      ctx={props.ctx}
      scripts={<script type="module" src="/scripts/console/door.js" />}
    >
      <p>
        <a href={`${base}/`}>← {props.event.title}</a>
      </p>
      <h1>Door check-in</h1>
      <p class="door-counts" data-counts>
        <strong data-checked-in>{props.counts.checkedIn}</strong> checked in of{' '}
        <strong data-confirmed>{props.counts.confirmed}</strong> confirmed
      </p>
      <div
        id="door"
        hidden
        data-event={props.event.id}
        data-zone={props.event.timeZone}
        data-me={props.ctx.organiser.name}
        data-csrf={props.ctx.csrf}
        data-page={door}
        data-list={`${door}/list`}
        data-sync={`${door}/sync`}
        data-worker="/console/door-sw.js"
      >
        <p class="door-status" role="status" data-status>
          Loading the check-in list…
        </p>
        <p>
          <button type="button" class="button primary door-scan" data-scan>
            Scan a ticket
          </button>
        </p>
        <video class="door-video" data-video muted playsinline hidden />
      </div>
      <div class="door-answers" aria-live="assertive" data-answer>
        {props.answer && <DoorAnswerView answer={props.answer} />}
      </div>
      <form class="door-search" method="get" action={door} data-search>
        <label for="door-q">Name or ticket code</label>
        <div class="door-search-row">
          <input id="door-q" name="q" type="search" value={props.q} autocomplete="off" spellcheck={false} />
          <button type="submit" class="button">
            Search
          </button>
        </div>
      </form>
      <ul class="door-results" data-results>
        {props.results?.map((t) => (
          <li>
            <span class="door-result-name">{t.name}</span>{' '}
            <span class="meta">
              {t.code} · {t.checkedIn ? `checked in at ${t.checkedIn}` : (t.refusal ?? 'not checked in yet')}
            </span>
            {!t.checkedIn && !t.refusal && (
              <form method="post" action={`${door}/check-in`}>
                <CsrfField ctx={props.ctx} />
                <input type="hidden" name="code" value={t.code} />
                <button type="submit" class="button">
                  Check in<span class="visually-hidden"> {t.name}</span>
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {props.results?.length === 0 && <p>Nobody on this event's list matches “{props.q}”.</p>}
      <noscript>
        <p class="notice">
          Scanning tickets and working offline need JavaScript. Without it, search by name or ticket code above and
          check people in one at a time.
        </p>
      </noscript>
      <div hidden data-device>
        <h2>This device</h2>
        <p class="meta" data-pending />
        <p>
          <button type="button" class="button" data-forget>
            Remove the list from this device
          </button>
        </p>
      </div>
    </ConsoleDocument>
  );
}
