// The 1:1 scheduler in a Web Worker, so the page stays responsive while it runs: the same pure
// module `npm run schedule` runs (worker/matching/plan.ts, which re-exports planMeetings), on the
// plan the page fetched from the worker, which checks the result before storing it.

import type { SchedulePlan } from '../../../worker/matching/plan.ts';
import { planMeetings } from '../../../worker/matching/plan-meetings.ts';

export type SchedulerMessage =
  | { kind: 'progress'; filled: number; of: number }
  | { kind: 'done'; meetings: ReturnType<typeof planMeetings>; ms: number }
  | { kind: 'failed'; message: string };

// This file runs as a worker; the DOM's types are the ones the project's browser code compiles with.
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<SchedulePlan>) => void) | null;
  postMessage: (message: SchedulerMessage) => void;
};

scope.onmessage = (event) => {
  const started = performance.now();
  try {
    const meetings = planMeetings(event.data, (filled, of) => scope.postMessage({ kind: 'progress', filled, of }));
    scope.postMessage({ kind: 'done', meetings, ms: performance.now() - started });
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
