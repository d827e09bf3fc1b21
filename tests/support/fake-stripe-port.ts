// The worker tests' Stripe bindings: the fake's address is fixed when the config is read (a free
// port), since miniflare's bindings are set before any global setup runs.
import { createServer } from 'node:net';
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET } from './fake-stripe.ts';

export async function fakeStripeBindings() {
  // The config is read more than once per run; every reading must name the same fake.
  const port = Number(process.env.FAKE_STRIPE_PORT) || (await freePort());
  process.env.FAKE_STRIPE_PORT = String(port);
  return {
    STRIPE_API_BASE: `http://127.0.0.1:${port}`,
    STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
  };
}

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
