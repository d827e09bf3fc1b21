// What a deployed change of an event means for the people registered, from its programme as last
// announced and as it is now (model/programme.ts): the event cancelled or set on again (a lifecycle
// move for everyone), postponed, given its new date, or a programme digest. Pure.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { factsAt, type ProgrammeChange, programmeChanges } from '../../model/programme.ts';
import type { LifecycleAction } from './lifecycle.ts';

export type Announcement =
  | { kind: 'event-cancelled'; move: Extract<LifecycleAction, 'cancelEvent'> }
  | { kind: 'event-restored'; move: Extract<LifecycleAction, 'restoreEvent'> }
  | { kind: 'event-postponed' }
  | { kind: 'event-rescheduled' }
  | { kind: 'programme-changed'; changes: ProgrammeChange[] }
  /** Programme changes the organisers chose not to announce (content `notifyChanges: false`). */
  | { kind: 'quiet' }
  /** Nothing people need to hear: edits while the event is off, or changes undone. */
  | { kind: 'none' };

/**
 * What to announce about `event` when the programme sequence announced last is `announced` (null:
 * never). A digest needs an event that goes ahead both then and now; while it is postponed its
 * dates are not news, and while it is cancelled nothing is.
 */
export function announcementOf(event: CatalogueEvent, announced: number | null, notify: boolean): Announcement {
  const before = factsAt(event.revision, announced)?.status ?? event.status;
  const now = event.status;
  if (now === 'cancelled')
    return before === 'cancelled' ? { kind: 'none' } : { kind: 'event-cancelled', move: 'cancelEvent' };
  if (before === 'cancelled') return { kind: 'event-restored', move: 'restoreEvent' };
  if (now === 'postponed') return before === 'postponed' ? { kind: 'none' } : { kind: 'event-postponed' };
  if (before === 'postponed') return { kind: 'event-rescheduled' };
  const { event: whole, sessions } = programmeChanges(event, announced);
  const changes = [...(whole ? [whole] : []), ...sessions];
  if (changes.length === 0) return { kind: 'none' };
  return notify ? { kind: 'programme-changed', changes } : { kind: 'quiet' };
}
