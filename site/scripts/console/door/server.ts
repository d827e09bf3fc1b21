// The door's two requests: the check-in list (whole, or what changed since a time) and the sync of
// queued items. Each says plainly when the server could not be asked, so nothing queued is lost.
import type { Meta, Queued, Ticket } from './store.ts';

export type ListAnswer = Omit<Meta, 'eventId' | 'syncedUntil'> & {
  now: string;
  full: boolean;
  tickets: Omit<Ticket, 'eventId'>[];
};

export type SyncResult = {
  nonce: string;
  ticketCode: string;
  outcome: 'checked-in' | 'undone' | 'refused' | 'wrong-event' | 'unknown';
  name?: string;
  status?: string;
  checkedInAt?: string | null;
  checkedInBy?: string | null;
  alreadyCheckedIn?: boolean;
  reason?: string;
};

export type Reply<T> =
  | { ok: true; value: T }
  | { ok: false; why: 'offline' | 'signed-out' }
  | { ok: false; why: 'refused'; detail: string };

const offline = { ok: false, why: 'offline' } as const;
const signedOut = { ok: false, why: 'signed-out' } as const;

// Redirects are not followed: one to the sign-in page means the session has ended.
const endedSession = (res: Response) => res.type === 'opaqueredirect' || res.status === 401 || res.status === 403;

export async function fetchList(url: string, since?: string): Promise<Reply<ListAnswer>> {
  let res: Response;
  try {
    res = await fetch(since ? `${url}?since=${encodeURIComponent(since)}` : url, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
    });
  } catch {
    return offline;
  }
  if (endedSession(res)) return signedOut;
  if (!res.ok) return { ok: false, why: 'refused', detail: `status ${res.status}` };
  return { ok: true, value: (await res.json()) as ListAnswer };
}

export async function sendItems(url: string, csrf: string, items: Queued[]): Promise<Reply<SyncResult[]>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({
        items: items.map(({ nonce, action, ticketCode, at }) => ({ nonce, action, ticketCode, at })),
      }),
      redirect: 'manual',
    });
  } catch {
    return offline;
  }
  if (endedSession(res)) return signedOut;
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string };
    return { ok: false, why: 'refused', detail: problem.detail ?? `status ${res.status}` };
  }
  return { ok: true, value: ((await res.json()) as { results: SyncResult[] }).results };
}
