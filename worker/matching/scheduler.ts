import { maximumWeightMatching } from './blossom.ts';

// Fills networking slots with 1:1 meetings. Pure. Per slot it finds a heavy matching: an exact
// maximum-weight matching (Edmonds' blossom algorithm, ./blossom.ts) on each person's SPARSE_DEGREE
// heaviest pairs, which is where heavy matchings live and keeps 1,000 people fast, solved per
// connected component; then, when there are fewer tables than pairs, the heaviest pairs keep the
// tables; then local improvements (swapping partners between two pairs, short augmenting paths
// through people left over) until none helps. Every pair's weight is computed once per schedule.
// Each person meets at most once per slot, no pair meets twice, zero-weight and declined pairs
// never meet, and at most `tables` pairs sit per slot.
// Fairness: each sit-out so far adds FAIRNESS to every pair the person could join, so people who
// were left over before are placed first when someone must sit out again.
// validateSchedule checks a schedule computed elsewhere against the same rules, in linear time.

export type SlotToFill = { index: number; tables: number };
export type Meeting = { slot: number; table: number; a: number; b: number; score: number };

export type ScheduleInput = {
  /** Ids of the people taking part: opted in, available, with a confirmed place. */
  people: number[];
  /** How good a meeting would be (the shared scoring rule, pairScore); 0 means never. Symmetric. */
  weight: (a: number, b: number) => number;
  /** The slots to fill: those that have not started. */
  slots: SlotToFill[];
  /** Pairs that already met in slots that have started; they never meet again. */
  alreadyMet?: [number, number][];
  /** Pairs where one declined an introduction with the other, either way; they never meet. */
  declined?: [number, number][];
  /** Sit-outs so far, from slots that have started. */
  sitOuts?: Map<number, number>;
  /** Told after each slot is filled, for a progress bar (the organiser's browser shows one). */
  onSlot?: (filled: number, of: number) => void;
};

export const FAIRNESS = 3;
const MAX_PASSES = 4;
export const SPARSE_DEGREE = 10;

export function schedule(input: ScheduleInput): { meetings: Meeting[]; sitOuts: Map<number, number> } {
  const ids = [...new Set(input.people)];
  const n = ids.length;
  // Every pair's weight once per schedule, not once per slot: the scoring rule is the costly part.
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.max(0, input.weight(ids[i]!, ids[j]!));
      w[i * n + j] = v;
      w[j * n + i] = v;
    }
  }
  const index = new Map(ids.map((id, i) => [id, i]));
  for (const [a, b] of [...(input.alreadyMet ?? []), ...(input.declined ?? [])]) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined) w[i * n + j] = w[j * n + i] = 0;
  }
  const sitOuts = Float64Array.from(ids, (id) => input.sitOuts?.get(id) ?? 0);
  const bonus = new Float64Array(n);
  const meetings: Meeting[] = [];
  for (const slot of input.slots) {
    for (let i = 0; i < n; i++) bonus[i] = FAIRNESS * sitOuts[i]!;
    const mate = matchSlot(n, w, bonus, Math.min(slot.tables, Math.floor(n / 2)));
    let table = 0;
    for (let i = 0; i < n; i++) {
      const j = mate[i]!;
      if (j === -1) {
        sitOuts[i]!++;
      } else if (i < j) {
        meetings.push({ slot: slot.index, table: ++table, a: ids[i]!, b: ids[j]!, score: w[i * n + j]! });
        w[i * n + j] = w[j * n + i] = 0;
      }
    }
    input.onSlot?.(input.slots.indexOf(slot) + 1, input.slots.length);
  }
  return { meetings, sitOuts: new Map(ids.map((id, i) => [id, sitOuts[i]!])) };
}

/**
 * A heavy matching with at most `maxPairs` pairs; mate[i] is i's partner or -1. `w` holds the
 * weights (n × n, 0 for never) and `bonus` each person's fairness bonus, added to their pairs.
 */
export function matchSlot(n: number, w: Float64Array, bonus: Float64Array, maxPairs: number): Int32Array {
  const mate = new Int32Array(n).fill(-1);
  if (maxPairs <= 0) return mate;
  const weight = (i: number, j: number) => {
    const base = w[i * n + j]!;
    return base > 0 ? base + bonus[i]! + bonus[j]! : 0;
  };
  let pairs = 0;
  const pair = (i: number, j: number) => {
    mate[i] = j;
    mate[j] = i;
  };
  // Pairs are ordered heaviest first, ties by (lower index, higher index): every choice below walks
  // pairs in this order, the order of sorting all n²/2 pairs, without sorting them all.
  const heavierFirst = (ei: number, ej: number, ev: number, fi: number, fj: number, fv: number) =>
    fv - ev || ei - fi || ej - fj;

  // Each person's SPARSE_DEGREE heaviest pairs, found row by row with a small sorted buffer rather
  // than by sorting all n²/2 pairs; the sparse graph is the union of those lists.
  const top = new Int32Array(n * SPARSE_DEGREE).fill(-1);
  const topValue = new Float64Array(n * SPARSE_DEGREE);
  for (let i = 0; i < n; i++) {
    const row = i * SPARSE_DEGREE;
    let kept = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const v = weight(i, j);
      if (v <= 0 || (kept === SPARSE_DEGREE && v <= topValue[row + kept - 1]!)) continue;
      // Equal weights keep the lower index first, as walking the pairs in order would.
      let at = kept < SPARSE_DEGREE ? kept++ : kept - 1;
      while (at > 0 && topValue[row + at - 1]! < v) {
        top[row + at] = top[row + at - 1]!;
        topValue[row + at] = topValue[row + at - 1]!;
        at--;
      }
      top[row + at] = j;
      topValue[row + at] = v;
    }
  }
  const inTop = (i: number, j: number) => {
    for (let k = i * SPARSE_DEGREE; k < (i + 1) * SPARSE_DEGREE && top[k] !== -1; k++) if (top[k] === j) return true;
    return false;
  };
  const from: number[] = [];
  const to: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < n; i++)
    for (let k = i * SPARSE_DEGREE; k < (i + 1) * SPARSE_DEGREE && top[k] !== -1; k++) {
      const j = top[k]!;
      // A pair in both lists is taken once, from the lower index's list.
      if (j > i || !inTop(j, i)) {
        from.push(Math.min(i, j));
        to.push(Math.max(i, j));
        value.push(topValue[k]!);
      }
    }
  const sparse = Uint32Array.from(value.keys()).sort((x, y) =>
    heavierFirst(from[x]!, to[x]!, value[x]!, from[y]!, to[y]!, value[y]!),
  );

  // The exact matching per connected component: blossom's cost grows faster than linearly with
  // the number of people, and people in different components (e.g. no shared language) never meet.
  const root = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (root[i] !== i) i = root[i] = root[root[i]!]!;
    return i;
  };
  for (const e of sparse) root[find(from[e]!)] = find(to[e]!);
  const local = new Int32Array(n);
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const group = members.get(find(i));
    local[i] = group ? group.push(i) - 1 : 0;
    if (!group) members.set(find(i), [i]);
  }
  const edges = new Map<number, { a: number[]; b: number[]; v: number[] }>();
  for (const e of sparse) {
    const c = find(from[e]!);
    const list = edges.get(c) ?? edges.set(c, { a: [], b: [], v: [] }).get(c)!;
    list.a.push(local[from[e]!]!);
    list.b.push(local[to[e]!]!);
    list.v.push(value[e]!);
  }
  const exact = new Int32Array(n).fill(-1);
  for (const [c, { a, b, v }] of edges) {
    const group = members.get(c)!;
    const localMate = maximumWeightMatching(group.length, a, b, v);
    for (let k = 0; k < group.length; k++) if (localMate[k]! >= 0) exact[group[k]!] = group[localMate[k]!]!;
  }
  // When tables run short the heaviest pairs keep them: `sparse` is heaviest first.
  for (const e of sparse) {
    if (pairs >= maxPairs) break;
    if (exact[from[e]!] === to[e]!) {
      pair(from[e]!, to[e]!);
      pairs++;
    }
  }
  // Seats pairs of people left over, heaviest first, while tables are free. Only pairs among people
  // left over can be seated, so only those are collected and ordered.
  const fill = () => {
    if (pairs >= maxPairs) return false;
    const free: number[] = [];
    for (let i = 0; i < n; i++) if (mate[i] === -1) free.push(i);
    const a: number[] = [];
    const b: number[] = [];
    const v: number[] = [];
    for (let x = 0; x < free.length; x++)
      for (let y = x + 1; y < free.length; y++) {
        const value = weight(free[x]!, free[y]!);
        if (value > 0) {
          a.push(free[x]!);
          b.push(free[y]!);
          v.push(value);
        }
      }
    const order = Uint32Array.from(v.keys()).sort((x, y) => heavierFirst(a[x]!, b[x]!, v[x]!, a[y]!, b[y]!, v[y]!));
    let added = false;
    for (const e of order) {
      if (pairs >= maxPairs) break;
      if (mate[a[e]!] === -1 && mate[b[e]!] === -1) {
        pair(a[e]!, b[e]!);
        pairs++;
        added = true;
      }
    }
    return added;
  };
  fill();
  const free: number[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    // Swap partners between two pairs when that is heavier.
    const heads: number[] = [];
    for (let i = 0; i < n; i++) if (mate[i]! > i) heads.push(i);
    for (let x = 0; x < heads.length; x++) {
      for (let y = x + 1; y < heads.length; y++) {
        const a = heads[x]!;
        const c = heads[y]!;
        const b = mate[a]!;
        const d = mate[c]!;
        const now = weight(a, b) + weight(c, d);
        const ac = weight(a, c) > 0 && weight(b, d) > 0 ? weight(a, c) + weight(b, d) : 0;
        const ad = weight(a, d) > 0 && weight(b, c) > 0 ? weight(a, d) + weight(b, c) : 0;
        if (Math.max(ac, ad) > now + 1e-9) {
          if (ac >= ad) {
            pair(a, c);
            pair(b, d);
          } else {
            pair(a, d);
            pair(b, c);
          }
          heads[x] = Math.min(a, mate[a]!);
          heads[y] = Math.min(b, mate[b]!);
          improved = true;
        }
      }
    }
    // Moves through a person left over, u: take a from its partner b (u=a, b left over), or, while
    // a table is free, also seat b with another person left over, v (u=a, b=v).
    for (let u = 0; u < n; u++) {
      if (mate[u] !== -1) continue;
      free.length = 0;
      // Seating b with someone else takes a free table.
      if (pairs < maxPairs) for (let v = 0; v < n; v++) if (mate[v] === -1 && v !== u) free.push(v);
      // The best move so far: gain, a, and v (-1 for "take a from b").
      let gain = 0;
      let bestA = -1;
      let bestV = -1;
      for (let a = 0; a < n; a++) {
        const b = mate[a]!;
        if (b === -1 || weight(u, a) <= 0) continue;
        const replace = weight(u, a) - weight(a, b);
        if (replace > gain + 1e-9) {
          gain = replace;
          bestA = a;
          bestV = -1;
        }
        if (pairs >= maxPairs) continue;
        for (const v of free) {
          if (weight(b, v) <= 0) continue;
          const seat = weight(u, a) + weight(b, v) - weight(a, b);
          if (seat > gain + 1e-9) {
            gain = seat;
            bestA = a;
            bestV = v;
          }
        }
      }
      if (bestA === -1) continue;
      const b = mate[bestA]!;
      if (bestV === -1) mate[b] = -1;
      pair(u, bestA);
      if (bestV !== -1) {
        pair(b, bestV);
        pairs++;
      }
      improved = true;
    }
    if (fill()) improved = true;
    if (!improved) break;
  }
  return mate;
}

export type ScheduleProblemCode =
  | 'unknown-person'
  | 'same-person'
  | 'slot-not-open'
  | 'table-out-of-range'
  | 'table-taken'
  | 'double-booked'
  | 'pair-repeated'
  | 'already-met'
  | 'declined'
  | 'zero-score'
  | 'score-mismatch';

/** What is wrong with one meeting of a proposed schedule: `meeting` is its index in the list. */
export type ScheduleProblem = { code: ScheduleProblemCode; meeting: number; message: string };

const pairOf = (a: number, b: number) => (a < b ? `${a} ${b}` : `${b} ${a}`);

/**
 * Checks a schedule computed elsewhere (in the organiser's browser, by a command) against the input
 * the scheduler would take, before it is stored: the rules schedule() keeps, apart from how good the
 * schedule is. Linear in the participants, the pairs listed in the input and the meetings, plus one
 * weight per meeting. Answers every problem found, or nothing when the schedule may be stored.
 */
export function validateSchedule(input: ScheduleInput, meetings: Meeting[]): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const people = new Set(input.people);
  const tablesOf = new Map(input.slots.map((s) => [s.index, s.tables]));
  const open = input.slots.map((s) => s.index).join(', ') || 'none';
  const met = new Set((input.alreadyMet ?? []).map(([a, b]) => pairOf(a, b)));
  const declined = new Set((input.declined ?? []).map(([a, b]) => pairOf(a, b)));
  // Which meeting (by index) holds a table, a person's seat in a slot, or a pair.
  const tableHolder = new Map<string, number>();
  const seatHolder = new Map<string, number>();
  const pairHolder = new Map<string, number>();
  meetings.forEach((m, index) => {
    const at = `Meeting ${index + 1} (slot ${m.slot}, table ${m.table})`;
    const problem = (code: ScheduleProblemCode, message: string) =>
      problems.push({ code, meeting: index, message: `${at}: ${message}` });
    const tables = tablesOf.get(m.slot);
    if (tables === undefined)
      problem(
        'slot-not-open',
        `slot ${m.slot} is not being scheduled (it has started or does not exist); the open slots are: ${open}.`,
      );
    else if (!Number.isInteger(m.table) || m.table < 1 || m.table > tables)
      problem(
        'table-out-of-range',
        tables > 0
          ? `there is no table ${m.table}; slot ${m.slot} has tables 1 to ${tables}.`
          : `slot ${m.slot} has no tables for 1:1 meetings.`,
      );
    else {
      const key = `${m.slot} ${m.table}`;
      const holder = tableHolder.get(key);
      if (holder === undefined) tableHolder.set(key, index);
      else
        problem('table-taken', `table ${m.table} is already taken by meeting ${holder + 1}; give each its own table.`);
    }
    const known = (m.a === m.b ? [m.a] : [m.a, m.b]).filter((id) => {
      if (people.has(id)) return true;
      problem(
        'unknown-person',
        `registration ${id} is not taking part in 1:1 meetings (not opted in, not available, or without a ` +
          'confirmed place); remove the meeting or choose someone who is.',
      );
      return false;
    });
    if (m.a === m.b) {
      problem('same-person', `registration ${m.a} is paired with itself; pair two different people.`);
      return;
    }
    for (const id of known) {
      const key = `${m.slot} ${id}`;
      const holder = seatHolder.get(key);
      if (holder === undefined) seatHolder.set(key, index);
      else
        problem(
          'double-booked',
          `registration ${id} already meets someone in slot ${m.slot} (meeting ${holder + 1}); ` +
            'a person has at most one meeting per slot.',
        );
    }
    const pair = pairOf(m.a, m.b);
    const holder = pairHolder.get(pair);
    if (holder === undefined) pairHolder.set(pair, index);
    else
      problem(
        'pair-repeated',
        `registrations ${m.a} and ${m.b} already meet in meeting ${holder + 1}; a pair meets at most once.`,
      );
    if (met.has(pair))
      problem(
        'already-met',
        `registrations ${m.a} and ${m.b} met in a slot that has started; a pair meets at most once.`,
      );
    if (declined.has(pair))
      problem(
        'declined',
        `an introduction between registrations ${m.a} and ${m.b} was declined, so they never meet; ` +
          'choose another partner.',
      );
    // The weight is only defined for people taking part.
    if (known.length < 2) return;
    const score = Math.max(0, input.weight(m.a, m.b));
    if (score <= 0)
      problem(
        'zero-score',
        `registrations ${m.a} and ${m.b} score 0 together (no shared language, or nothing offered, sought ` +
          'or cared about in common); choose another partner.',
      );
    else if (m.score !== score)
      problem('score-mismatch', `the meeting says score ${m.score}, but the pair scores ${score}; store ${score}.`);
  });
  return problems;
}
