// RSS of the events most recently published or changed (at most RSS_ITEMS), newest first; each item
// links to the event page.
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { formatRange } from '../../model/time-format.ts';
import { siteCatalogue } from '../lib/catalogue.ts';

const RSS_ITEMS = 50;

export async function GET(context: APIContext) {
  const latest = [...siteCatalogue().events]
    .sort((a, b) => b.revision.modified.localeCompare(a.revision.modified) || a.startUtc.localeCompare(b.startUtc))
    .slice(0, RSS_ITEMS);
  return rss({
    title: 'Gathering events',
    description: 'Independent conferences, camps and meetups.',
    site: context.site!,
    items: latest.map((e) => ({
      title: e.status === 'scheduled' ? e.title : `${e.title} (${e.status})`,
      link: `/events/${e.id}/`,
      pubDate: new Date(e.revision.modified),
      description: `${e.summary} ${formatRange(e.start, e.end)} (${e.timeZone}), ${e.city}.`,
      categories: [e.kind, ...e.tags],
    })),
  });
}
