// The door's rule for check-ins made on several devices, some of them offline for a while: the
// server applies it in SQL (worker/db/door.ts) and the door page applies it to its local copy, so
// both agree. Pure data in, state out.
//
// The rule: a registration is checked in when a check-in was made (by the device's clock) after
// its latest undo; it shows the earliest such check-in (two doors, one ticket: the first one wins).
// So an undo removes every check-in made before it and none made after it.

/** A registration's check-in as stored: when (ISO 8601, UTC) and by whom. */
export type CheckedIn = { at: string; by: string };

export type DoorAction = { action: 'check-in' | 'undo'; at: string; by: string };

/**
 * The check-in after `actions`, given the state before them (`current`, which counts as one more
 * check-in, since it may come from a door that records no history, such as the organiser API).
 */
export function resolveCheckIn(current: CheckedIn | null, actions: readonly DoorAction[]): CheckedIn | null {
  let lastUndo: string | undefined;
  for (const a of actions) if (a.action === 'undo' && (lastUndo === undefined || a.at > lastUndo)) lastUndo = a.at;
  const candidates = actions.filter((a) => a.action === 'check-in').map(({ at, by }) => ({ at, by }));
  if (current) candidates.push(current);
  let winner: CheckedIn | null = null;
  for (const c of candidates) {
    if (lastUndo !== undefined && c.at <= lastUndo) continue;
    if (!winner || c.at < winner.at || (c.at === winner.at && c.by < winner.by)) winner = c;
  }
  return winner;
}

/** How far back a device's clock is believed: a queue kept offline for longer is dated this far back. */
export const DEVICE_TIME_WINDOW_MS = 30 * 24 * 3_600_000;

/**
 * A device's time for an action, as the server records it: never later than the server's clock
 * (a phone set ahead would otherwise win every conflict) and never more than 30 days earlier.
 */
export function deviceTime(at: string, now: Date): string {
  const t = Date.parse(at);
  const clamped = Math.min(Math.max(t, now.getTime() - DEVICE_TIME_WINDOW_MS), now.getTime());
  return new Date(clamped).toISOString();
}
