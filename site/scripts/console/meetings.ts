// The console's 1:1 meetings page: fetches the event's plan, runs the scheduler in a Web Worker
// (scheduler-worker.ts), shows its figures and progress, and stores the meetings when asked; the
// worker on the server checks them (409: the plan changed; 422: a rule broken, each named).
import type { SchedulePlan } from '../../../worker/matching/plan.ts';
import type { SchedulerMessage } from './scheduler-worker.ts';

type Meeting = Extract<SchedulerMessage, { kind: 'done' }>['meetings'][number];
type Problem = { detail?: string; problems?: { message: string }[] };

const root = document.querySelector<HTMLElement>('[data-scheduler]');
if (root) setUp(root);

function setUp(root: HTMLElement) {
  const find = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const run = find<HTMLButtonElement>('[data-run]');
  const store = find<HTMLButtonElement>('[data-store-button]');
  const status = find<HTMLElement>('[data-status]');
  const progress = find<HTMLProgressElement>('[data-progress]');
  const figures = find<HTMLElement>('[data-figures]');
  const problems = find<HTMLElement>('[data-problems]');
  const storeRow = find<HTMLElement>('[data-store-row]');
  let result: { fingerprint: string; meetings: Meeting[]; people: number } | undefined;

  find<HTMLElement>('.scheduler-run').hidden = false;
  const say = (text: string) => {
    status.textContent = text;
  };
  const showProblems = (lead: string, list: string[] = []) => {
    problems.replaceChildren();
    const p = document.createElement('p');
    p.textContent = lead;
    problems.append(p);
    if (list.length) {
      const ul = document.createElement('ul');
      for (const text of list) {
        const li = document.createElement('li');
        li.textContent = text;
        ul.append(li);
      }
      problems.append(ul);
    }
    problems.hidden = false;
  };
  const figure = (name: string, text: string) => {
    find<HTMLElement>(`[data-figure="${name}"]`).textContent = text;
  };
  const problemOf = async (res: Response): Promise<Problem> => (await res.json().catch(() => ({}))) as Problem;

  run.addEventListener('click', async () => {
    run.disabled = true;
    store.disabled = true;
    storeRow.hidden = true;
    problems.hidden = true;
    figures.hidden = true;
    result = undefined;
    say('Fetching the plan…');
    try {
      const res = await fetch(root.dataset.plan!, { headers: { accept: 'application/json' } });
      if (!res.ok)
        return showProblems((await problemOf(res)).detail ?? `The plan could not be fetched (${res.status}).`);
      const plan = (await res.json()) as SchedulePlan;
      if (plan.slots.length === 0) return say('No networking slot is left to fill: they have all started.');
      say(`Scheduling ${plan.participants.length} people in ${plan.slots.length} slots…`);
      progress.value = 0;
      progress.hidden = false;
      const done = await schedule(plan, (filled, of) => {
        progress.value = filled / of;
        say(`Filled ${filled} of ${of} slots…`);
      });
      result = { fingerprint: plan.fingerprint, meetings: done.meetings, people: plan.participants.length };
      figure('people', String(plan.participants.length));
      figure('meetings', String(done.meetings.length));
      figure('slots', String(plan.slots.length));
      figure('score', String(Math.round(done.meetings.reduce((n, m) => n + m.score, 0) * 10) / 10));
      figure('time', done.ms < 1000 ? `${Math.round(done.ms)} ms` : `${(done.ms / 1000).toFixed(1)} s`);
      figures.hidden = false;
      storeRow.hidden = false;
      store.disabled = false;
      say(`Scheduled ${done.meetings.length} meetings. Nothing is stored until you store them.`);
    } catch (error) {
      showProblems(`The scheduler stopped: ${error instanceof Error ? error.message : String(error)}`);
      say('');
    } finally {
      progress.hidden = true;
      run.disabled = false;
    }
  });

  store.addEventListener('click', async () => {
    if (!result) return;
    store.disabled = true;
    problems.hidden = true;
    say('Storing…');
    const res = await fetch(root.dataset.store!, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ fingerprint: result.fingerprint, meetings: result.meetings }),
    }).catch(() => undefined);
    if (!res) {
      store.disabled = false;
      return say('The server could not be reached; try storing again.');
    }
    if (res.ok) {
      const stored = (await res.json()) as { slotsScheduled: number[]; participants: number; meetings: number };
      storeRow.hidden = true;
      result = undefined;
      const slots = stored.slotsScheduled.map((i) => i + 1).join(', ');
      say(
        `Stored ${stored.meetings} meetings for ${stored.participants} people in slots ${slots}. Reload to see them.`,
      );
      return;
    }
    const problem = await problemOf(res);
    say('Nothing was stored.');
    if (res.status === 409)
      showProblems(
        `${problem.detail ?? 'The plan changed since it was fetched.'} Run the scheduler again, then store its meetings.`,
      );
    else if (res.status === 422)
      showProblems(
        problem.detail ?? 'Some meetings break the rules.',
        (problem.problems ?? []).map((p) => p.message),
      );
    else showProblems(problem.detail ?? `The meetings could not be stored (${res.status}).`);
    storeRow.hidden = true;
  });

  function schedule(plan: SchedulePlan, onProgress: (filled: number, of: number) => void) {
    return new Promise<Extract<SchedulerMessage, { kind: 'done' }>>((resolve, reject) => {
      const worker = new Worker(root.dataset.worker!, { type: 'module' });
      worker.onmessage = (event: MessageEvent<SchedulerMessage>) => {
        const m = event.data;
        if (m.kind === 'progress') return onProgress(m.filled, m.of);
        worker.terminate();
        if (m.kind === 'done') resolve(m);
        else reject(new Error(m.message));
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(event.message || 'the scheduler could not start'));
      };
      worker.postMessage(plan);
    });
  }
}
