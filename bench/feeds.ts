// Feed building time for a 500-session event and a 1,000-event feed (target: under 50 ms for the
// 500-session feed), the 500-session event's frab schedule as JSON and XML (target: no more than
// that event's feed, a few ms; relative, so it holds on a busy machine too), and what a 304 costs:
// in process (feed selection and ETag, no building) and over HTTP against wrangler dev.
import autocannon from 'autocannon';
import { startDevServer } from '../tests/support/dev-server.ts';
import { buildCalendar, renderCalendar } from '../worker/feeds/calendar.ts';
import { eventFeed, lastModified, listFeed, publicFeedKey } from '../worker/feeds/feeds.ts';
import { frabSchedule } from '../worker/feeds/frab.ts';
import { frabXml } from '../worker/feeds/frab-xml.ts';
import { syntheticCatalogue } from './synthetic-catalogue.ts';

function time(runs: number, work: () => unknown): { median: number; bytes: number } {
  let bytes = 0;
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    const out = work();
    const took = performance.now() - started;
    if (typeof out === 'string') bytes = out.length;
    if (i >= 2) samples.push(took);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, bytes };
}

export async function feedBuilding(): Promise<string[]> {
  const big = syntheticCatalogue(1, 500);
  const many = syntheticCatalogue(1000, 0);
  const now = new Date('2027-01-01T00:00:00Z');
  const sessions = time(15, () => {
    const feed = eventFeed(big.events[0]!);
    return buildCalendar(feed, feed.entries);
  });
  // The synthetic first event is a cancelled one, whose schedule would be empty.
  const programme = { ...big.events[0]!, status: 'scheduled' as const };
  const scheduleJson = time(31, () => JSON.stringify(frabSchedule(big.site, programme)));
  const scheduleXml = time(31, () => frabXml(frabSchedule(big.site, programme)));
  // The list's entries were rendered by the build; a request joins them.
  const events = time(7, () => {
    const feed = listFeed(many.site, many.all, { all: true }, now);
    return renderCalendar(feed, feed.entries);
  });
  const unchanged = time(50, () => {
    const feed = listFeed(many.site, many.all, { all: true }, now);
    return `${publicFeedKey(many.site, 'all', now)} ${lastModified(feed)}`;
  });

  const server = await startDevServer();
  try {
    const url = `${server.url}/api/calendars/events/indiecon-toronto-2027.ics`;
    const etag = (await fetch(url)).headers.get('etag')!;
    const run = (headers: Record<string, string>) => autocannon({ url, connections: 4, duration: 4, headers });
    const full = await run({});
    const cached = await run({ 'if-none-match': etag });
    return [
      `500-session event feed: ${sessions.median.toFixed(1)} ms (${(sessions.bytes / 1024).toFixed(0)} KiB) ` +
        `(target < 50 ms: ${sessions.median < 50 ? 'met' : 'MISSED'})`,
      `500-session schedule (frab): JSON ${scheduleJson.median.toFixed(1)} ms ` +
        `(${(scheduleJson.bytes / 1024).toFixed(0)} KiB), XML ${scheduleXml.median.toFixed(1)} ms ` +
        `(${(scheduleXml.bytes / 1024).toFixed(0)} KiB) (target: no more than the event's own feed: ` +
        `${Math.max(scheduleJson.median, scheduleXml.median) <= sessions.median ? 'met' : 'MISSED'})`,
      `1,000-event feed: ${events.median.toFixed(1)} ms (${(events.bytes / 1024).toFixed(0)} KiB)`,
      `304 path for the 1,000-event feed, in process (select entries, ETag, no build): ` +
        `${unchanged.median.toFixed(2)} ms`,
      `HTTP via wrangler dev, IndieCon feed: 200 p50 ${full.latency.p50} ms ` +
        `(${full.requests.average.toFixed(0)} req/s); 304 p50 ${cached.latency.p50} ms ` +
        `(${cached.requests.average.toFixed(0)} req/s, ${cached['2xx']} 2xx / ${cached.non2xx} 304)`,
    ];
  } finally {
    await server.stop();
  }
}
