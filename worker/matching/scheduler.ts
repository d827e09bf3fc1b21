import maximumWeightMatching from 'edmonds-blossom-fixed';

// Fills networking slots with 1:1 meetings. Pure. Per slot it finds a heavy matching: an exact
// maximum-weight matching (Edmonds' blossom algorithm) on each person's SPARSE_DEGREE heaviest
// pairs, which is where heavy matchings live and keeps 1,000 people fast; then, when there are
// fewer tables than pairs, the heaviest pairs keep the tables; then local improvements (swapping
// partners between two pairs, short augmenting paths through people left over) until none helps.
// Each person meets at most once per slot, no pair meets twice, zero-weight pairs never meet, and
// at most `tables` pairs sit per slot.
// Fairness: each sit-out so far adds FAIRNESS to every pair the person could join, so people who
// were left over before are placed first when someone must sit out again.

export type SlotToFill = { index: number; tables: number };
export type Meeting = { slot: number; table: number; a: number; b: number; score: number };

export type ScheduleInput = {
  /** Ids of the people taking part. */
  people: number[];
  /** How good a meeting would be; 0 means never (declined, opted out, no fit). Symmetric. */
  weight: (a: number, b: number) => number;
  slots: SlotToFill[];
  /** Pairs that already met in slots that have started; they never meet again. */
  alreadyMet?: [number, number][];
  /** Sit-outs so far, from slots that have started. */
  sitOuts?: Map<number, number>;
};

export const FAIRNESS = 3;
const MAX_PASSES = 4;
export const SPARSE_DEGREE = 10;

const blossom = maximumWeightMatching;

export function schedule(input: ScheduleInput): { meetings: Meeting[]; sitOuts: Map<number, number> } {
  const ids = [...new Set(input.people)];
  const n = ids.length;
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.max(0, input.weight(ids[i]!, ids[j]!));
      w[i * n + j] = v;
      w[j * n + i] = v;
    }
  }
  const index = new Map(ids.map((id, i) => [id, i]));
  for (const [a, b] of input.alreadyMet ?? []) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined) w[i * n + j] = w[j * n + i] = 0;
  }
  const sitOuts = new Map(ids.map((id) => [id, input.sitOuts?.get(id) ?? 0]));
  const meetings: Meeting[] = [];
  for (const slot of input.slots) {
    const bonus = (i: number) => FAIRNESS * sitOuts.get(ids[i]!)!;
    const adjusted = (i: number, j: number) => {
      const base = w[i * n + j]!;
      return base > 0 ? base + bonus(i) + bonus(j) : 0;
    };
    const mate = matchSlot(n, adjusted, Math.min(slot.tables, Math.floor(n / 2)));
    let table = 0;
    for (let i = 0; i < n; i++) {
      const j = mate[i]!;
      if (j === -1) {
        sitOuts.set(ids[i]!, sitOuts.get(ids[i]!)! + 1);
      } else if (i < j) {
        meetings.push({ slot: slot.index, table: ++table, a: ids[i]!, b: ids[j]!, score: w[i * n + j]! });
        w[i * n + j] = w[j * n + i] = 0;
      }
    }
  }
  return { meetings, sitOuts };
}

type Move = { gain: number; apply: () => void };

/** A heavy matching with at most `maxPairs` pairs; mate[i] is i's partner or -1. */
export function matchSlot(n: number, weight: (i: number, j: number) => number, maxPairs: number): Int32Array {
  const mate = new Int32Array(n).fill(-1);
  if (maxPairs <= 0) return mate;
  // Edges in typed arrays: at 1,000 people there are half a million of them.
  const from: number[] = [];
  const to: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = weight(i, j);
      if (v > 0) {
        from.push(i);
        to.push(j);
        value.push(v);
      }
    }
  const order = Uint32Array.from(value.keys()).sort((x, y) => value[y]! - value[x]!);
  let pairs = 0;
  const pair = (i: number, j: number) => {
    mate[i] = j;
    mate[j] = i;
  };
  // Each person's heaviest pairs: walking the edges heaviest first, keep an edge while either end
  // still has fewer than SPARSE_DEGREE kept.
  const degree = new Uint16Array(n);
  const sparse: [number, number, number][] = [];
  for (const e of order) {
    const i = from[e]!;
    const j = to[e]!;
    if (degree[i]! < SPARSE_DEGREE || degree[j]! < SPARSE_DEGREE) {
      sparse.push([i, j, value[e]!]);
      degree[i]!++;
      degree[j]!++;
    }
  }
  const exact = sparse.length ? blossom(sparse) : [];
  const chosen = sparse
    .filter(([i, j]) => exact[i] === j)
    .sort((x, y) => y[2] - x[2])
    .slice(0, maxPairs);
  for (const [i, j] of chosen) {
    pair(i, j);
    pairs++;
  }
  const fill = () => {
    let added = false;
    for (const e of order) {
      if (pairs >= maxPairs) break;
      if (mate[from[e]!] === -1 && mate[to[e]!] === -1) {
        pair(from[e]!, to[e]!);
        pairs++;
        added = true;
      }
    }
    return added;
  };
  fill();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    // Swap partners between two pairs when that is heavier.
    const heads = [...Array(n).keys()].filter((i) => mate[i]! > i);
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
      const free = [...Array(n).keys()].filter((v) => mate[v] === -1 && v !== u);
      let best: Move | undefined;
      for (let a = 0; a < n; a++) {
        const b = mate[a]!;
        if (b === -1 || weight(u, a) <= 0) continue;
        const replace = weight(u, a) - weight(a, b);
        if (replace > (best?.gain ?? 0) + 1e-9)
          best = {
            gain: replace,
            apply: () => {
              mate[b] = -1;
              pair(u, a);
            },
          };
        if (pairs >= maxPairs) continue;
        for (const v of free) {
          if (weight(b, v) <= 0) continue;
          const gain = weight(u, a) + weight(b, v) - weight(a, b);
          if (gain > (best?.gain ?? 0) + 1e-9)
            best = {
              gain,
              apply: () => {
                pair(u, a);
                pair(b, v);
                pairs++;
              },
            };
        }
      }
      if (best) {
        best.apply();
        improved = true;
      }
    }
    if (fill()) improved = true;
    if (!improved) break;
  }
  return mate;
}
