// The door page on a volunteer's phone: scan a ticket's QR or search by name, see a big answer,
// undo a mistake. It keeps the event's check-in list on the device (door/store.ts), checks in
// there first and queues each check-in and undo with a nonce made here, then sends the queue to
// the server whenever the network is there; a service worker (door-sw.ts) serves the page offline.
import { resolveCheckIn } from '../../../model/door-rule.ts';
import { ticketCodeFrom } from '../../../model/ticket.ts';
import { type Answer, drawAnswer } from './door/answer.ts';
import { Scanner } from './door/camera.ts';
import { matches, resultItem } from './door/search.ts';
import { fetchList, type Reply, type SyncResult, sendItems } from './door/server.ts';
import { DoorStore, type Meta, type Queued, type Ticket } from './door/store.ts';

/** Items sent in one request (the server takes at most 100). */
const BATCH = 50;
/** How often an open door page asks for changes and sends what it queued. */
const REFRESH_MS = 20_000;
/** A code held in front of the camera is read many times a second: answer it once in this time. */
const SAME_CODE_MS = 4_000;
/** Changes are asked for from a little before the last answer, in case a write was in flight. */
const OVERLAP_MS = 60_000;

const root = document.getElementById('door');
if (root) void main(root);

async function main(root: HTMLElement) {
  const config = root.dataset as Record<string, string>;
  const eventId = config.event!;
  const me = config.me!;
  const find = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
  const statusLine = find<HTMLElement>('[data-status]');
  const answerBox = find<HTMLElement>('[data-answer]');
  const resultsList = find<HTMLUListElement>('[data-results]');
  const form = find<HTMLFormElement>('[data-search]');
  const input = find<HTMLInputElement>('#door-q');
  const scanButton = find<HTMLButtonElement>('[data-scan]');
  const device = find<HTMLElement>('[data-device]');
  const pendingLine = find<HTMLElement>('[data-pending]');
  const forgetButton = find<HTMLButtonElement>('[data-forget]');
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: config.zone, hour: '2-digit', minute: '2-digit' });
  root.hidden = false;
  device.hidden = false;

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(config.worker!, { scope: config.page }).catch(() => {
      pendingLine.textContent = 'This browser cannot keep the page for offline use; keep it open.';
    });
  }

  let store: DoorStore;
  try {
    store = await DoorStore.open(eventId);
  } catch {
    statusLine.textContent = 'This browser cannot store the check-in list (private mode?). Use the search below.';
    return;
  }
  const tickets = new Map<string, Ticket>((await store.tickets()).map((t) => [t.code, t]));
  let queue: Queued[] = await store.queue();
  let meta: Meta | undefined = await store.meta();
  let connection: 'online' | 'offline' | 'signed-out' | 'refused' = navigator.onLine ? 'online' : 'offline';
  let refusedBecause = '';
  let sending = false;
  /** The volunteer removed the list from this device: nothing is fetched or kept again until a reload. */
  let forgotten = false;
  /** Check-ins made here that the server refused once it heard of them: someone should look. */
  const problems: string[] = [];
  /** Notes the connection from a request's reply; answers its value when there is one. */
  const heard = <T>(reply: Reply<T>): T | undefined => {
    if (reply.ok) {
      connection = 'online';
      return reply.value;
    }
    connection = reply.why;
    if (reply.why === 'refused') refusedBecause = reply.detail;
    // Signed out or no longer allowed: the attendees' names leave the device (the queue stays, to send later).
    if (reply.why === 'signed-out' && !forgotten) void dropCopy();
    return undefined;
  };

  // What this device did and has not sent yet counts on top of what the server said.
  const withQueue = (t: Ticket): Ticket => {
    const mine = queue.filter((q) => q.ticketCode === t.code).map((q) => ({ action: q.action, at: q.at, by: me }));
    if (mine.length === 0) return t;
    const current = t.checkedInAt ? { at: t.checkedInAt, by: t.checkedInBy ?? '' } : null;
    const state = resolveCheckIn(current, mine);
    return { ...t, checkedInAt: state?.at ?? null, checkedInBy: state?.by ?? null };
  };

  function show() {
    if (forgotten) return;
    let checkedIn = 0;
    let confirmed = 0;
    for (const t of tickets.values()) {
      if (t.checkedInAt) checkedIn++;
      if (t.status === 'confirmed') confirmed++;
    }
    if (meta) {
      find('[data-checked-in]').textContent = String(checkedIn);
      find('[data-confirmed]').textContent = String(confirmed);
    }
    const waiting = queue.length;
    const kept = `${tickets.size} ${tickets.size === 1 ? 'ticket' : 'tickets'} on this device`;
    const plural = (n: number) => `${n} check-in${n === 1 ? '' : 's'}`;
    statusLine.textContent =
      connection === 'signed-out'
        ? `Your sign-in has ended: sign in again to send ${plural(waiting)}. They stay on this device.`
        : connection === 'refused'
          ? `The server refused the queued check-ins: ${refusedBecause}`
          : connection === 'offline'
            ? meta
              ? `Offline. ${kept}; ${waiting ? `${plural(waiting)} kept here, sent when the network returns` : 'nothing waiting to be sent'}.`
              : 'Offline, and the check-in list is not on this device yet.'
            : waiting
              ? `Online. ${kept}; sending ${plural(waiting)}…`
              : `Online. ${kept}; every check-in is sent.`;
    pendingLine.textContent = [
      meta ? `List updated at ${time.format(new Date(meta.syncedUntil))}.` : '',
      ...problems.map((p) => `Needs a look: ${p}`),
    ].join(' ');
    forgetButton.disabled = waiting > 0;
  }

  /** The code the answer on screen is about, so a late word from the server can correct it. */
  let answering = '';
  const already = (name: string | undefined, at: string, by: string | null | undefined, code: string): Answer => ({
    tone: 'no',
    title: 'Already checked in',
    name,
    detail: `At ${time.format(new Date(at))} by ${by ?? 'the organisers'}.`,
    undo: code,
  });

  function answer(a: Answer, code = '') {
    answering = code;
    drawAnswer(answerBox, a, (undone) => void undoCheckIn(undone));
  }

  const reasonOf = (t: Pick<Ticket, 'status'>) => meta?.refusals[t.status] ?? `This registration is ${t.status}.`;

  async function refresh(full: boolean) {
    if (forgotten) return;
    const since = !full && meta ? new Date(Date.parse(meta.syncedUntil) - OVERLAP_MS).toISOString() : undefined;
    const list = heard(await fetchList(config.list!, since));
    if (list) {
      if (list.full) tickets.clear();
      const fresh = list.tickets.map((t) => withQueue({ ...t, eventId }));
      for (const t of fresh) tickets.set(t.code, t);
      meta = { eventId, syncedUntil: list.now, admits: list.admits, refusals: list.refusals };
      await store.saveList(list.full ? [...tickets.values()] : fresh, meta, list.full);
    }
    show();
  }

  const send = async (items: Queued[]) => heard(await sendItems(config.sync!, config.csrf!, items));

  /** The server's word on the items it answered: the tickets as they are there, and the queue less them. */
  async function settle(results: SyncResult[]) {
    const answered = new Set(results.map((r) => r.nonce));
    queue = queue.filter((q) => !answered.has(q.nonce));
    const changed: Ticket[] = [];
    for (const r of results) {
      if (r.name === undefined || r.status === undefined) continue;
      const t = withQueue({
        eventId,
        code: r.ticketCode,
        name: r.name,
        status: r.status,
        checkedInAt: r.checkedInAt ?? null,
        checkedInBy: r.checkedInBy ?? null,
      });
      tickets.set(t.code, t);
      changed.push(t);
    }
    await store.synced(changed, [...answered]);
  }

  async function flush() {
    if (sending || queue.length === 0) return show();
    sending = true;
    try {
      while (queue.length) {
        const batch = queue.slice(0, BATCH);
        const results = await send(batch);
        if (!results) break;
        await settle(results);
        for (const r of results) {
          const item = batch.find((q) => q.nonce === r.nonce);
          if (item?.action !== 'check-in') continue;
          if (r.outcome !== 'checked-in')
            problems.push(`${r.name ?? r.ticketCode}, checked in at ${time.format(new Date(item.at))}: ${r.reason}`);
          // Another door let this ticket in first (two people, one ticket?): say so while it is on screen.
          else if (r.alreadyCheckedIn && answering === r.ticketCode)
            answer(already(r.name, r.checkedInAt!, r.checkedInBy, r.ticketCode), r.ticketCode);
        }
      }
    } finally {
      sending = false;
      show();
    }
  }

  const newItem = (action: Queued['action'], code: string): Queued => ({
    eventId,
    nonce: crypto.randomUUID(),
    action,
    ticketCode: code,
    at: new Date().toISOString(),
  });

  async function admit(code: string) {
    const known = tickets.get(code);
    if (!known) return admitUnknown(code);
    if (!meta?.admits.includes(known.status))
      return answer({ tone: 'no', title: 'Do not let in', name: known.name, detail: reasonOf(known) }, code);
    if (known.checkedInAt) return answer(already(known.name, known.checkedInAt, known.checkedInBy, code), code);
    const item = newItem('check-in', code);
    const ticket = { ...known, checkedInAt: item.at, checkedInBy: me };
    queue.push(item);
    tickets.set(code, ticket);
    await store.record(ticket, item);
    answer({ tone: 'ok', title: 'Checked in', name: known.name, detail: `Ticket · ${code}`, undo: code }, code);
    show();
    void flush();
  }

  // Not on this device's list (registered since it was fetched, or another event's): ask the server.
  async function admitUnknown(code: string) {
    const notListed = {
      tone: 'no' as const,
      title: 'Unknown ticket',
      detail: `No ticket ${code} on this event's list.`,
    };
    if (!navigator.onLine) return answer({ ...notListed, detail: `${notListed.detail} Try again when online.` });
    const item = newItem('check-in', code);
    const [result] = (await send([item])) ?? [];
    show();
    if (!result) return answer(notListed);
    await settle([result]);
    show();
    if (result.outcome === 'checked-in')
      return answer(
        result.alreadyCheckedIn
          ? already(result.name, result.checkedInAt!, result.checkedInBy, code)
          : { tone: 'ok', title: 'Checked in', name: result.name, detail: `Ticket · ${code}`, undo: code },
        code,
      );
    const title = result.outcome === 'wrong-event' ? 'Not for this event' : 'Do not let in';
    answer({ tone: 'no', title, name: result.name, detail: result.reason ?? notListed.detail });
  }

  async function undoCheckIn(code: string) {
    const known = tickets.get(code);
    if (!known) return;
    const item = newItem('undo', code);
    queue.push(item);
    const ticket = withQueue(known);
    tickets.set(code, ticket);
    await store.record(ticket, item);
    answer({ tone: 'undone', title: 'Check-in undone', name: known.name, detail: `Ticket · ${code}` }, code);
    show();
    void flush();
  }

  // Scanning.
  const scanner = new Scanner(find<HTMLVideoElement>('[data-video]'));
  let last = { code: '', at: 0 };
  scanButton.addEventListener('click', async () => {
    if (scanner.running) {
      scanner.stop();
      scanButton.textContent = 'Scan a ticket';
      return;
    }
    try {
      await scanner.start((text) => {
        const code = ticketCodeFrom(text);
        const key = code ?? text;
        if (key === last.code && Date.now() - last.at < SAME_CODE_MS) return;
        last = { code: key, at: Date.now() };
        if (code) void admit(code);
        else answer({ tone: 'no', title: 'Not a ticket', detail: 'This QR code is not a ticket of this site.' });
      });
      scanButton.textContent = 'Stop the camera';
    } catch {
      scanner.stop();
      answer({
        tone: 'no',
        title: 'No camera',
        detail: 'The camera could not be opened. Allow it for this site, or search by name or code below.',
      });
    }
  });

  // Searching the list on the device.
  const stateOf = (t: Ticket) =>
    !meta?.admits.includes(t.status)
      ? t.status
      : t.checkedInAt
        ? `checked in at ${time.format(new Date(t.checkedInAt))}`
        : 'not checked in yet';
  const showResults = () =>
    resultsList.replaceChildren(
      ...matches(tickets.values(), input.value).map((t) => resultItem(t, stateOf(t), (code) => void admit(code))),
    );
  input.addEventListener('input', showResults);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = ticketCodeFrom(input.value);
    const found = matches(tickets.values(), input.value);
    if (code) void admit(code);
    else if (found.length === 1) void admit(found[0]!.code);
    else showResults();
  });

  /** Removes the list and the kept page from this device (the queue stays until it is sent). */
  async function dropCopy() {
    forgotten = true;
    await store.forget();
    const registration = await navigator.serviceWorker?.getRegistration(config.page);
    await registration?.unregister();
    // The kept copy of this page too (it names the organiser); other events' door pages stay.
    for (const name of await caches.keys())
      if (name.startsWith('gathering-door-')) await (await caches.open(name)).delete(config.page!);
    tickets.clear();
    meta = undefined;
    resultsList.replaceChildren();
  }

  forgetButton.addEventListener('click', async () => {
    if (queue.length) return;
    await dropCopy();
    pendingLine.textContent = 'The list is removed from this device. Reload the page to fetch it again.';
    statusLine.textContent = '';
  });

  // Signing out clears this site's storage (Clear-Site-Data), which would lose check-ins not sent yet.
  document.querySelector<HTMLFormElement>('form[action="/signout"]')?.addEventListener('submit', (event) => {
    if (queue.length === 0) return;
    event.preventDefault();
    pendingLine.textContent = `${queue.length} check-in${queue.length === 1 ? ' is' : 's are'} not sent yet: sign out once they are.`;
  });

  window.addEventListener('online', () => {
    connection = 'online';
    void flush().then(() => refresh(false));
  });
  window.addEventListener('offline', () => {
    connection = 'offline';
    show();
  });

  show();
  await refresh(true);
  await flush();
  setInterval(() => {
    if (!navigator.onLine) return;
    void refresh(false).then(flush);
  }, REFRESH_MS);
}
