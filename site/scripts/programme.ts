// The programme's enhancements (site/components/Schedule.astro works without them): the day, track
// or room link that is chosen says so (aria-current), and during the event the sessions on now and
// those starting next say so. The clock is the browser's; the page is correct without any of it.

/** Sessions from two hours before the first start until the last end count as "during the event". */
const LEAD_MS = 2 * 3_600_000;

/**
 * The link whose view is shown is the current one: the hash's own link, or "Everything" when the
 * hash names no filter (a session, the form), since then nothing is hidden.
 */
function markChosen() {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.programme-nav a')];
  const chosen = links.find((a) => a.hash === location.hash) ?? links.find((a) => a.hash === '#programme');
  for (const a of links) {
    if (a === chosen) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
}

/**
 * Following a filter link moves focus to the top of the page (its target is an empty element), so
 * a keyboard or screen reader user would start again from "Everything": focus stays on the link
 * they chose, which now says it is current.
 */
function keepFocus(event: Event) {
  const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('.programme-nav a');
  // After the browser has followed it (the click's default action).
  if (link) setTimeout(() => link.focus({ preventScroll: true }));
}

function badge(slot: HTMLElement, text: string) {
  const b = document.createElement('strong');
  b.className = 'badge';
  b.textContent = text;
  slot.classList.add(text === 'Now' ? 'now' : 'next');
  slot.prepend(b);
}

export function markNowAndNext(now = Date.now()) {
  // A cancelled or postponed event has nothing on now, whatever its dates say.
  if (document.querySelector<HTMLElement>('.programme')?.dataset.eventStatus !== 'scheduled') return;
  const sessions = [...document.querySelectorAll<HTMLElement>('.session:not(.cancelled)')].map((el) => {
    const [start, end] = [...el.querySelectorAll('time')].map((t) => Date.parse(t.dateTime));
    return { el, start: start!, end: end! };
  });
  if (sessions.length === 0) return;
  const first = Math.min(...sessions.map((s) => s.start));
  const last = Math.max(...sessions.map((s) => s.end));
  if (now < first - LEAD_MS || now >= last) return;
  for (const s of sessions) if (s.start <= now && now < s.end) badge(s.el, 'Now');
  const next = Math.min(...sessions.filter((s) => s.start > now).map((s) => s.start));
  for (const s of sessions) if (s.start === next) badge(s.el, 'Next');
}

export function enhanceProgramme() {
  if (!document.querySelector('.programme')) return;
  markChosen();
  addEventListener('hashchange', markChosen);
  document.querySelector('.programme-nav')?.addEventListener('click', keepFocus);
  markNowAndNext();
}
