// Registration throughput against `wrangler dev` on 127.0.0.1, beside a bare route (an event read
// from the catalogue, no D1) measured in the same run. Target: ratio at least 0.5.
import autocannon from 'autocannon';
import { startDevServer } from '../tests/support/dev-server.ts';

const EVENT = 'indiecon-toronto-2027';
const DURATION = 8;
const CONNECTIONS = 10;

type Result = { rps: number; p50: number; p99: number; ok: number; errors: number };

async function load(url: string, init: Partial<autocannon.Options>): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...init });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], errors: r.non2xx + r.errors };
}

export async function registrationThroughput(): Promise<string[]> {
  const server = await startDevServer();
  try {
    const bare = await load(`${server.url}/api/events/${EVENT}`, {});
    let n = 0;
    const writes = await load(`${server.url}/api/events/${EVENT}/registrations`, {
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            n++;
            return {
              ...req,
              headers: {
                'content-type': 'application/json',
                'cf-connecting-ip': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
              },
              body: JSON.stringify({
                name: `Bench ${n}`,
                email: `bench-${n}@example.org`,
                consent: true,
                answers: { role: 'Developer' },
              }),
            };
          },
        },
      ],
    });
    const row = (name: string, r: Result) =>
      `${name.padEnd(14)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   ` +
      `p99 ${String(r.p99).padStart(4)} ms   (${r.ok} ok, ${r.errors} not 2xx)`;
    const ratio = writes.rps / bare.rps;
    return [
      `${CONNECTIONS} connections, ${DURATION} s each, wrangler dev on 127.0.0.1`,
      row('bare route', bare),
      row('registrations', writes),
      `ratio ${ratio.toFixed(2)} (target >= 0.5: ${ratio >= 0.5 ? 'met' : 'MISSED'})`,
    ];
  } finally {
    await server.stop();
  }
}
