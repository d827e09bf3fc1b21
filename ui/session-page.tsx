// A session's own page, rendered by the worker from its event's catalogue file (a static page per
// session would not fit the deploy's file limit at 5,000 events): what, when in the event's zone,
// where with a map, who with their photos, add to calendar, a star, and the way back.

import type { CatalogueEvent, CatalogueSession } from '../model/catalogue.ts';
import { programmePaths, sessionSlug } from '../model/session-groups.ts';
import { cityTime, formatDay, formatTime, zoneLabel } from '../model/time-format.ts';
import { timetable } from '../model/timetable.ts';
import { sessionVenue } from '../model/venues.ts';
import { AddToCalendar } from './add-to-calendar.tsx';
import { Document } from './document.tsx';
import { MapLinks } from './map-links.tsx';
import { Photo, type ProcessedPhoto } from './photo.tsx';

/** The page script: stars for a browser that holds a registration (site/scripts/console/session-page.ts). */
export const SESSION_SCRIPT = '/scripts/console/session-page.js';

export type SessionPageProps = {
  event: CatalogueEvent;
  session: CatalogueSession;
  /** Processed photos of the speakers who have one, by person id. */
  photos: Map<string, ProcessedPhoto>;
  /** The event's social card, an absolute URL: a card per session would not fit the deploy either. */
  card: string;
  siteUrl: string;
};

export const programmeAnchor = (e: CatalogueEvent, s: CatalogueSession) =>
  `/events/${e.id}/#session-${sessionSlug(s.id)}`;

/** The abstract's paragraphs: it is plain text (model/plain-text.ts), blank lines between them. */
const paragraphs = (text: string) => text.split(/\n{2,}/).filter((p) => p.trim());

/** One line for link previews: the abstract's start, or when and where. */
function previewText(e: CatalogueEvent, s: CatalogueSession) {
  const when = `${formatDay(s.start)}, ${formatTime(s.start)} (${cityTime(e.city)}) at ${e.title}.`;
  if (!s.abstract) return when;
  return s.abstract.length > 200 ? `${s.abstract.slice(0, 197).trimEnd()}…` : s.abstract;
}

export function SessionPage(props: SessionPageProps) {
  const { event: e, session: s, photos } = props;
  const venue = sessionVenue(e, s);
  const track = timetable(e).trackOf(s);
  const cancelled = s.status === 'cancelled' || e.status === 'cancelled';
  const url = `${props.siteUrl}${programmePaths.session(e.id, s.id)}`;
  const description = previewText(e, s);
  const head = (
    <>
      <link rel="canonical" href={url} />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content="Gathering" />
      <meta property="og:title" content={s.title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta property="og:image" content={props.card} />
      <meta property="og:image:width" content="1200" />
      <meta property="og:image:height" content="630" />
      <meta name="twitter:card" content="summary_large_image" />
    </>
  );
  const zone = zoneLabel(s.start, e.timeZone);
  const room = s.room ?? venue.room;
  const place = [room, venue.name].filter(Boolean).join(', ');
  return (
    <Document
      title={`${s.title} · ${e.title}`}
      description={description}
      head={head}
      scripts={cancelled ? [] : [SESSION_SCRIPT]}
    >
      <p>
        <a href={programmeAnchor(e, s)}>← The programme of {e.title}</a>
      </p>
      <article class={`session-page${track ? ` track-${track.index}` : ''}`} data-event-id={e.id}>
        {cancelled && (
          <p class="banner cancelled" role="status">
            {s.status === 'cancelled' ? 'This session is cancelled.' : `${e.title} is cancelled.`}
          </p>
        )}
        {!cancelled && e.status === 'postponed' && (
          <p class="banner postponed" role="status">
            {e.title} is postponed: these times no longer hold, and the new date will be announced on its page.
          </p>
        )}
        <p class="session-kind">
          {s.kind}
          {s.track && ` · ${s.track} track`}
        </p>
        <h1>{s.title}</h1>
        <dl class="facts">
          <div>
            <dt>When</dt>
            <dd>
              <time datetime={s.startUtc}>
                {formatDay(s.start)}, {formatTime(s.start)}
              </time>
              –
              <time datetime={s.endUtc}>
                {s.end.slice(0, 10) === s.start.slice(0, 10)
                  ? formatTime(s.end)
                  : `${formatDay(s.end)}, ${formatTime(s.end)}`}
              </time>
              <br />
              <span class="meta">
                {cityTime(e.city)}: {zone} · {e.timeZone}
              </span>
            </dd>
          </div>
          <div>
            <dt>Where</dt>
            <dd>
              {/* The room on its own line and the venue once, on the next with its address. */}
              {room && (
                <>
                  {room}
                  <br />
                </>
              )}
              {venue.spaceId ? <a href={`/spaces/${venue.spaceId}/`}>{venue.name}</a> : venue.name}, {venue.address}
              <br />
              <MapLinks venue={venue} />
            </dd>
          </div>
          <div>
            <dt>Part of</dt>
            <dd>
              <a href={`/events/${e.id}/`}>{e.title}</a>
            </dd>
          </div>
        </dl>
        {!cancelled && (
          <>
            <AddToCalendar
              title={s.title}
              startUtc={s.startUtc}
              endUtc={s.endUtc}
              description={`${s.abstract}\n\n${url}`.trim()}
              location={`${place}, ${venue.address}`}
              timeZone={e.timeZone}
              ics={`/api/calendars/events/${e.id}/sessions/${sessionSlug(s.id)}.ics`}
            />
            <div class="star-place" data-session={s.id} data-title={s.title} />
          </>
        )}
        {s.abstract && (
          <section aria-labelledby="about">
            <h2 id="about">About</h2>
            <div class="prose">
              {paragraphs(s.abstract).map((p) => (
                <p>{p}</p>
              ))}
            </div>
          </section>
        )}
        {s.speakers.length > 0 && (
          <section aria-labelledby="speakers">
            <h2 id="speakers">{s.speakers.length === 1 ? 'Speaker' : 'Speakers'}</h2>
            <ul class="speakers">
              {s.speakers.map((p) => {
                const photo = photos.get(p.id);
                return (
                  <li>
                    {photo && <Photo photo={photo} class="avatar" />}
                    <a href={`/people/${p.id}/`}>{p.name}</a>
                  </li>
                );
              })}
            </ul>
          </section>
        )}
      </article>
    </Document>
  );
}

/** A session address that leads nowhere: back to the event's programme when the event exists. */
export function SessionNotFoundPage(props: { event?: CatalogueEvent }) {
  const e = props.event;
  return (
    <Document title="Session not found">
      <h1>There is no such session</h1>
      <p>
        {e
          ? `The programme of ${e.title} has no session at this address: it may have been renamed or removed.`
          : 'There is no event at this address, or it has been removed.'}
      </p>
      <p>
        {e ? <a href={`/events/${e.id}/#schedule`}>See the programme of {e.title}</a> : <a href="/">See all events</a>}
      </p>
    </Document>
  );
}
