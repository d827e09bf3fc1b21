// RSS of events, soonest upcoming first; each item links to the event page.
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { formatRange } from '../../model/time-format.ts';
import { eventsInOrder } from '../lib/catalogue.ts';

export async function GET(context: APIContext) {
  return rss({
    title: 'Gathering events',
    description: 'Independent conferences, camps and meetups.',
    site: context.site!,
    items: eventsInOrder().all.map((e) => ({
      title: e.status === 'scheduled' ? e.title : `${e.title} (${e.status})`,
      link: `/events/${e.id}/`,
      description: `${e.summary} ${formatRange(e.start, e.end)} (${e.timeZone}), ${e.city}.`,
      categories: [e.kind, ...e.tags],
    })),
  });
}
