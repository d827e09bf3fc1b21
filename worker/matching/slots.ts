// Networking slots in time: only those still ahead may be (re)scheduled or lose someone who leaves.
import type { CatalogueEvent } from '../../model/catalogue.ts';

export function futureSlots(event: CatalogueEvent, now: Date): number[] {
  return event.networkingSlots.flatMap((s, i) => (new Date(s.startUtc) > now ? [i] : []));
}
