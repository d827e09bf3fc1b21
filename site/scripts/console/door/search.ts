// Searching the check-in list on the device, offline too: by name (case and accents aside, every
// word) or by the start of a ticket code.
import { normaliseTicketCode } from '../../../../model/ticket.ts';
import type { Ticket } from './store.ts';

/** At most this many people are offered: a longer list needs a longer search. */
const SHOWN = 8;

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function matches(tickets: Iterable<Ticket>, query: string): Ticket[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const code = normaliseTicketCode(query).replace(/-/g, '');
  const found: Ticket[] = [];
  for (const t of tickets) {
    const name = fold(t.name);
    const byCode = code.length >= 4 && t.code.replace(/-/g, '').startsWith(code);
    if (byCode || words.every((w) => name.includes(w))) found.push(t);
  }
  return found.sort((a, b) => a.name.localeCompare(b.name)).slice(0, SHOWN);
}

/** One person found: a button that answers for their ticket, as a scan would. */
export function resultItem(t: Ticket, state: string, pick: (code: string) => void): HTMLLIElement {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'door-pick';
  const name = document.createElement('span');
  name.className = 'door-result-name';
  name.textContent = t.name;
  const detail = document.createElement('span');
  detail.className = 'meta';
  detail.textContent = ` ${t.code} · ${state}`;
  button.append(name, detail);
  button.addEventListener('click', () => pick(t.code));
  li.append(button);
  return li;
}
