// Starts the Stripe fake (tests/support/fake-stripe.ts) once per test project: the worker project's
// on the port vitest.config.ts gave its bindings, the node project's (browser tests) on any port,
// announced to the tests as FAKE_STRIPE_URL.
import type { TestProject } from 'vitest/node';
import { startFakeStripe } from './fake-stripe.ts';

export default async function setup(project: TestProject) {
  const port = project.name === 'worker' ? Number(process.env.FAKE_STRIPE_PORT) : 0;
  const fake = await startFakeStripe(port);
  if (project.name !== 'worker') process.env.FAKE_STRIPE_URL = fake.url;
  return () => fake.stop();
}
