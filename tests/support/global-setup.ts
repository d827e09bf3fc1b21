// Runs once before the node tests: the fixed-clock build they read (tests/support/test-build.ts).
import { buildTestSite } from './test-build.ts';

export default function setup() {
  buildTestSite();
}
