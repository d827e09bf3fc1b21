// Starring sessions in place, for a browser that holds a registration for the event (the worker's
// session cookie says which): a star button on each [data-session] element, on the event page's
// programme and on a session's own page. Without it, stars are on the manage page.
type Held = { registrationId: number | null; starred: string[] };

export async function json<T>(url: string, init?: RequestInit): Promise<T | undefined> {
  try {
    const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

export async function setUpStars(eventId: string | undefined) {
  const slots = document.querySelectorAll<HTMLElement>('[data-session]');
  if (!eventId || slots.length === 0 || document.querySelector('button.star')) return;
  const held = await json<Held>(`/manage/events/${eventId}`);
  if (!held?.registrationId) return;
  const base = `/manage/${held.registrationId}`;
  let starred = new Set(held.starred);
  for (const slot of slots) {
    const id = slot.dataset.session!;
    const title = slot.dataset.title ?? slot.querySelector('h4')?.textContent ?? id;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button star';
    const paint = () => {
      const on = starred.has(id);
      button.setAttribute('aria-pressed', String(on));
      button.textContent = on ? '★ Starred' : '☆ Star';
      button.setAttribute('aria-label', `${on ? 'Starred' : 'Star'}: ${title}`);
    };
    paint();
    button.addEventListener('click', async () => {
      button.disabled = true;
      const body = JSON.stringify({ sessionId: id, starred: !starred.has(id) });
      const state = await json<Held>(`${base}/stars`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (state) starred = new Set(state.starred);
      paint();
      button.disabled = false;
    });
    // Its own line after the session's words, not squeezed beside its time.
    slot.append(button);
  }
}
