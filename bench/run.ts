// `npm run bench`: runs every benchmark in order and prints its figures. Benchmarks measure and
// report; they do not pass or fail the test suite.
import { bundleSize } from './bundle-size.ts';
import { eventPage } from './event-page.ts';
import { feedBuilding } from './feeds.ts';
import { lighthouseScores } from './lighthouse.ts';
import { matchingQuality } from './matching.ts';
import { registrationThroughput } from './registrations.ts';
import { scaleBuild } from './scale.ts';
import { scaleRequests } from './scale-requests.ts';
import { siteBuild } from './site-build.ts';

const benchmarks: [string, () => Promise<string[]>][] = [
  ['Worker bundle', bundleSize],
  ['Site build', siteBuild],
  ['Event page', eventPage],
  ['Lighthouse', lighthouseScores],
  ['Registrations', registrationThroughput],
  ['Calendar feeds', feedBuilding],
  ['Matching', matchingQuality],
  ['Scale: build', scaleBuild],
  ['Scale: requests', scaleRequests],
];

const only = process.argv[2];
for (const [name, run] of benchmarks) {
  if (only && !name.toLowerCase().includes(only.toLowerCase())) continue;
  console.log(`\n## ${name}`);
  for (const line of await run()) console.log(`  ${line}`);
}
