// The programme's enhancements (site/components/Schedule.astro works without them): the day, track
// or room link that is chosen says so (aria-current), and during the event the sessions on now and
// those starting next say so. The clock is the browser's; the page is correct without any of it.

/** Sessions from two hours before the first start until the last end count as "during the event". */
const LEAD_MS = 2 * 3_600_000;

function markChosen() {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.programme-nav a')) {
    const chosen = a.hash === (location.hash || '#programme');
    if (chosen) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
}

function badge(slot: HTMLElement, text: string) {
  const b = document.createElement('strong');
  b.className = 'badge';
  b.textContent = text;
  slot.classList.add(text === 'Now' ? 'now' : 'next');
  slot.prepend(b);
}

export function markNowAndNext(now = Date.now()) {
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
  markNowAndNext();
}
