// RSS of events, soonest upcoming first; each item links to the event page.
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { eventsInOrder } from '../lib/events.ts';
import { formatRange } from '../lib/time-format.ts';

export async function GET(context: APIContext) {
  const { all } = await eventsInOrder();
  return rss({
    title: 'Gathering events',
    description: 'Independent conferences, camps and meetups.',
    site: context.site!,
    items: all.map((e) => ({
      title: e.data.status === 'scheduled' ? e.data.title : `${e.data.title} (${e.data.status})`,
      link: `/events/${e.id}/`,
      description: `${e.data.summary} ${formatRange(e.data.start, e.data.end)} (${e.data.timeZone}), ${e.data.city}.`,
      categories: [e.data.kind, ...e.data.tags],
    })),
  });
}
