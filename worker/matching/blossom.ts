// Maximum-weight matching in a general graph: Edmonds' blossom algorithm with the primal-dual
// method, O(n³) (Galil, "Efficient algorithms for finding maximum matching in graphs", ACM
// Computing Surveys, 1986), organised as in Joris van Rantwijk's reference implementation, which
// the edmonds-blossom-fixed package also follows. Pure. The same algorithm in typed arrays, without
// the package's arrays allocated per stage and per leaf walk: it took most of a 1,000-person schedule.
// Tests compare it with the package and with brute force.
//
// Terms (from Galil): vertices are 0..n-1, non-trivial blossoms n..2n-1; edge k has endpoints 2k
// (its `from` end) and 2k+1 (its `to` end); an S-blossom is at even distance from a free vertex in
// the alternating forest, a T-blossom at odd distance. Dual values and slacks are kept doubled.

/**
 * A maximum-weight matching of the graph with `n` vertices and edges from[k]–to[k] of weight
 * weight[k] (at most one edge per pair, none from a vertex to itself). Answers mate[v]: v's partner,
 * or -1.
 */
export function maximumWeightMatching(
  n: number,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  weight: ArrayLike<number>,
): Int32Array {
  const m = from.length;
  const result = new Int32Array(n).fill(-1);
  if (m === 0 || n === 0) return result;
  const endpoint = new Int32Array(2 * m);
  const wt = Float64Array.from(weight);
  let maxWeight = 0;
  for (let k = 0; k < m; k++) {
    endpoint[2 * k] = from[k]!;
    endpoint[2 * k + 1] = to[k]!;
    if (wt[k]! > maxWeight) maxWeight = wt[k]!;
  }
  // For each vertex, the far endpoints of its edges (compressed rows), in edge order.
  const start = new Int32Array(n + 1);
  for (let p = 0; p < 2 * m; p++) start[endpoint[p]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const cursor = start.slice(0, n);
  const neighbour = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) {
    neighbour[cursor[endpoint[2 * k]!]!++] = 2 * k + 1;
    neighbour[cursor[endpoint[2 * k + 1]!]!++] = 2 * k;
  }

  /** The far endpoint of v's matched edge, or -1. */
  const mate = new Int32Array(n).fill(-1);
  /** Per top-level blossom: 0 free, 1 S, 2 T (5 marks a breadcrumb while scanning). */
  const label = new Int8Array(2 * n);
  /** The far endpoint of the edge through which a blossom (or a vertex in a T-blossom) got its label. */
  const labelEnd = new Int32Array(2 * n).fill(-1);
  const inBlossom = Int32Array.from({ length: n }, (_, v) => v);
  const parent = new Int32Array(2 * n).fill(-1);
  /** Sub-blossoms of a blossom, from its base round the cycle, and the endpoints linking them. */
  const childs: number[][] = [];
  const endps: number[][] = [];
  const base = new Int32Array(2 * n).fill(-1);
  for (let v = 0; v < n; v++) base[v] = v;
  /** Least-slack edge from a free vertex to an S-vertex, or from an S-blossom to another. */
  const bestEdge = new Int32Array(2 * n).fill(-1);
  /** Least-slack edges from a non-trivial S-blossom to each neighbouring S-blossom. */
  const blossomBestEdges: (number[] | undefined)[] = [];
  const unused: number[] = [];
  for (let b = n; b < 2 * n; b++) unused.push(b);
  const dual = new Float64Array(2 * n).fill(maxWeight, 0, n);
  const allowEdge = new Uint8Array(m);
  const queue: number[] = [];
  const bestEdgeTo = new Int32Array(2 * n).fill(-1);

  const slack = (k: number) => dual[endpoint[2 * k]!]! + dual[endpoint[2 * k + 1]!]! - 2 * wt[k]!;
  // Python-style indexing into a blossom's cycle, which is walked with negative positions too.
  const at = (list: number[], i: number) => list[i < 0 ? list.length + i : i]!;

  const leavesInto = (b: number, out: number[]) => {
    if (b < n) {
      out.push(b);
      return;
    }
    for (const t of childs[b]!) {
      if (t < n) out.push(t);
      else leavesInto(t, out);
    }
  };
  const leaves = (b: number) => {
    const out: number[] = [];
    leavesInto(b, out);
    return out;
  };

  const assignLabel = (w: number, t: number, p: number) => {
    for (;;) {
      const b = inBlossom[w]!;
      label[w] = label[b] = t;
      labelEnd[w] = labelEnd[b] = p;
      bestEdge[w] = bestEdge[b] = -1;
      if (t === 1) {
        leavesInto(b, queue);
        return;
      }
      // A T-blossom's base is matched: its mate becomes an S-vertex.
      const mb = mate[base[b]!]!;
      w = endpoint[mb]!;
      t = 1;
      p = mb ^ 1;
    }
  };

  const path: number[] = [];
  /** Traces back from v and w: the base of a new blossom, or -1 for an augmenting path. */
  const scanBlossom = (v: number, w: number) => {
    path.length = 0;
    let found = -1;
    while (v !== -1 || w !== -1) {
      let b = inBlossom[v]!;
      if (label[b]! & 4) {
        found = base[b]!;
        break;
      }
      path.push(b);
      label[b] = 5;
      if (labelEnd[b] === -1) v = -1;
      else {
        v = endpoint[labelEnd[b]!]!;
        b = inBlossom[v]!;
        v = endpoint[labelEnd[b]!]!;
      }
      if (w !== -1) {
        const other = w;
        w = v;
        v = other;
      }
    }
    for (const b of path) label[b] = 1;
    return found;
  };

  const addBlossom = (baseVertex: number, k: number) => {
    let v = endpoint[2 * k]!;
    let w = endpoint[2 * k + 1]!;
    const bb = inBlossom[baseVertex]!;
    let bv = inBlossom[v]!;
    let bw = inBlossom[w]!;
    const b = unused.pop()!;
    base[b] = baseVertex;
    parent[b] = -1;
    parent[bb] = b;
    const cycle: number[] = [];
    const links: number[] = [];
    while (bv !== bb) {
      parent[bv] = b;
      cycle.push(bv);
      links.push(labelEnd[bv]!);
      v = endpoint[labelEnd[bv]!]!;
      bv = inBlossom[v]!;
    }
    cycle.push(bb);
    cycle.reverse();
    links.reverse();
    links.push(2 * k);
    while (bw !== bb) {
      parent[bw] = b;
      cycle.push(bw);
      links.push(labelEnd[bw]! ^ 1);
      w = endpoint[labelEnd[bw]!]!;
      bw = inBlossom[w]!;
    }
    childs[b] = cycle;
    endps[b] = links;
    label[b] = 1;
    labelEnd[b] = labelEnd[bb]!;
    dual[b] = 0;
    for (const x of leaves(b)) {
      // T-vertices become S-vertices inside an S-blossom.
      if (label[inBlossom[x]!] === 2) queue.push(x);
      inBlossom[x] = b;
    }
    const touched: number[] = [];
    const consider = (e: number) => {
      let j = endpoint[2 * e + 1]!;
      if (inBlossom[j] === b) j = endpoint[2 * e]!;
      const bj = inBlossom[j]!;
      if (bj !== b && label[bj] === 1) {
        if (bestEdgeTo[bj] === -1) touched.push(bj);
        if (bestEdgeTo[bj] === -1 || slack(e) < slack(bestEdgeTo[bj]!)) bestEdgeTo[bj] = e;
      }
    };
    for (const sub of cycle) {
      const list = blossomBestEdges[sub];
      if (list) for (const e of list) consider(e);
      else for (const x of leaves(sub)) for (let q = start[x]!; q < start[x + 1]!; q++) consider(neighbour[q]! >> 1);
      blossomBestEdges[sub] = undefined;
      bestEdge[sub] = -1;
    }
    touched.sort((x, y) => x - y);
    const best = touched.map((bj) => bestEdgeTo[bj]!);
    for (const bj of touched) bestEdgeTo[bj] = -1;
    blossomBestEdges[b] = best;
    bestEdge[b] = -1;
    for (const e of best) if (bestEdge[b] === -1 || slack(e) < slack(bestEdge[b]!)) bestEdge[b] = e;
  };

  const expandBlossom = (b: number, endStage: boolean) => {
    const cycle = childs[b]!;
    const links = endps[b]!;
    for (const s of cycle) {
      parent[s] = -1;
      if (s < n) inBlossom[s] = s;
      else if (endStage && dual[s] === 0) expandBlossom(s, endStage);
      else for (const x of leaves(s)) inBlossom[x] = s;
    }
    if (!endStage && label[b] === 2) {
      // Relabel the sub-blossoms from the one through which b got its label round to the base.
      const entry = inBlossom[endpoint[labelEnd[b]! ^ 1]!]!;
      let j = cycle.indexOf(entry);
      let step: number;
      let trick: number;
      if (j & 1) {
        j -= cycle.length;
        step = 1;
        trick = 0;
      } else {
        step = -1;
        trick = 1;
      }
      let p = labelEnd[b]!;
      while (j !== 0) {
        label[endpoint[p ^ 1]!] = 0;
        label[endpoint[at(links, j - trick) ^ trick ^ 1]!] = 0;
        assignLabel(endpoint[p ^ 1]!, 2, p);
        allowEdge[at(links, j - trick) >> 1] = 1;
        j += step;
        p = at(links, j - trick) ^ trick;
        allowEdge[p >> 1] = 1;
        j += step;
      }
      const bv = at(cycle, j);
      label[endpoint[p ^ 1]!] = label[bv] = 2;
      labelEnd[endpoint[p ^ 1]!] = labelEnd[bv] = p;
      bestEdge[bv] = -1;
      j += step;
      while (at(cycle, j) !== entry) {
        const sub = at(cycle, j);
        if (label[sub] === 1) {
          j += step;
          continue;
        }
        const reached = leaves(sub).find((x) => label[x] !== 0);
        if (reached !== undefined) {
          label[reached] = 0;
          label[endpoint[mate[base[sub]!]!]!] = 0;
          assignLabel(reached, 2, labelEnd[reached]!);
        }
        j += step;
      }
    }
    label[b] = -1;
    labelEnd[b] = -1;
    childs[b] = [];
    endps[b] = [];
    base[b] = -1;
    blossomBestEdges[b] = undefined;
    bestEdge[b] = -1;
    unused.push(b);
  };

  /** Swaps matched and unmatched edges on the path through blossom b from vertex v to its base. */
  const augmentBlossom = (b: number, v: number) => {
    let t = v;
    while (parent[t] !== b) t = parent[t]!;
    if (t >= n) augmentBlossom(t, v);
    const cycle = childs[b]!;
    const links = endps[b]!;
    const i = cycle.indexOf(t);
    let j = i;
    let step: number;
    let trick: number;
    if (i & 1) {
      j -= cycle.length;
      step = 1;
      trick = 0;
    } else {
      step = -1;
      trick = 1;
    }
    while (j !== 0) {
      j += step;
      t = at(cycle, j);
      const p = at(links, j - trick) ^ trick;
      if (t >= n) augmentBlossom(t, endpoint[p]!);
      j += step;
      t = at(cycle, j);
      if (t >= n) augmentBlossom(t, endpoint[p ^ 1]!);
      mate[endpoint[p]!] = p ^ 1;
      mate[endpoint[p ^ 1]!] = p;
    }
    // The new base goes to the front of the cycle.
    childs[b] = [...cycle.slice(i), ...cycle.slice(0, i)];
    endps[b] = [...links.slice(i), ...links.slice(0, i)];
    base[b] = base[childs[b]![0]!]!;
  };

  /** Augments along the path through edge k, which joins two S-vertices, out to two free vertices. */
  const augmentMatching = (k: number) => {
    for (const [first, firstEnd] of [
      [endpoint[2 * k]!, 2 * k + 1],
      [endpoint[2 * k + 1]!, 2 * k],
    ] as const) {
      let s = first;
      let p = firstEnd;
      for (;;) {
        const bs = inBlossom[s]!;
        if (bs >= n) augmentBlossom(bs, s);
        mate[s] = p;
        if (labelEnd[bs] === -1) break;
        const bt = inBlossom[endpoint[labelEnd[bs]!]!]!;
        s = endpoint[labelEnd[bt]!]!;
        const j = endpoint[labelEnd[bt]! ^ 1]!;
        if (bt >= n) augmentBlossom(bt, j);
        mate[j] = labelEnd[bt]!;
        p = labelEnd[bt]! ^ 1;
      }
    }
  };

  // Each stage augments the matching by one edge, or proves it maximum.
  for (let stage = 0; stage < n; stage++) {
    label.fill(0);
    bestEdge.fill(-1);
    blossomBestEdges.length = n;
    allowEdge.fill(0);
    queue.length = 0;
    for (let v = 0; v < n; v++) if (mate[v] === -1 && label[inBlossom[v]!] === 0) assignLabel(v, 1, -1);
    let augmented = false;
    for (;;) {
      // Grow the forest along tight edges until an augmenting path appears or nothing is left.
      while (queue.length > 0 && !augmented) {
        const v = queue.pop()!;
        for (let q = start[v]!; q < start[v + 1]!; q++) {
          const p = neighbour[q]!;
          const k = p >> 1;
          const w = endpoint[p]!;
          if (inBlossom[v] === inBlossom[w]) continue;
          let kSlack = 0;
          if (!allowEdge[k]) {
            kSlack = slack(k);
            if (kSlack <= 0) allowEdge[k] = 1;
          }
          const lw = label[inBlossom[w]!]!;
          if (allowEdge[k]) {
            if (lw === 0) assignLabel(w, 2, p ^ 1);
            else if (lw === 1) {
              const b = scanBlossom(v, w);
              if (b >= 0) addBlossom(b, k);
              else {
                augmentMatching(k);
                augmented = true;
                break;
              }
            } else if (label[w] === 0) {
              label[w] = 2;
              labelEnd[w] = p ^ 1;
            }
          } else if (lw === 1) {
            const b = inBlossom[v]!;
            if (bestEdge[b] === -1 || kSlack < slack(bestEdge[b]!)) bestEdge[b] = k;
          } else if (label[w] === 0) {
            if (bestEdge[w] === -1 || kSlack < slack(bestEdge[w]!)) bestEdge[w] = k;
          }
        }
      }
      if (augmented) break;
      // No augmenting path on tight edges: change the duals by the largest safe delta.
      let deltaType = 1;
      let delta = Number.POSITIVE_INFINITY;
      let deltaEdge = -1;
      let deltaBlossom = -1;
      for (let v = 0; v < n; v++) if (dual[v]! < delta) delta = dual[v]!;
      for (let v = 0; v < n; v++)
        if (label[inBlossom[v]!] === 0 && bestEdge[v] !== -1) {
          const d = slack(bestEdge[v]!);
          if (d < delta) {
            delta = d;
            deltaType = 2;
            deltaEdge = bestEdge[v]!;
          }
        }
      for (let b = 0; b < 2 * n; b++)
        if (parent[b] === -1 && label[b] === 1 && bestEdge[b] !== -1) {
          const d = slack(bestEdge[b]!) / 2;
          if (d < delta) {
            delta = d;
            deltaType = 3;
            deltaEdge = bestEdge[b]!;
          }
        }
      for (let b = n; b < 2 * n; b++)
        if (base[b]! >= 0 && parent[b] === -1 && label[b] === 2 && dual[b]! < delta) {
          delta = dual[b]!;
          deltaType = 4;
          deltaBlossom = b;
        }
      for (let v = 0; v < n; v++) {
        const l = label[inBlossom[v]!];
        if (l === 1) dual[v]! -= delta;
        else if (l === 2) dual[v]! += delta;
      }
      for (let b = n; b < 2 * n; b++)
        if (base[b]! >= 0 && parent[b] === -1) {
          if (label[b] === 1) dual[b]! += delta;
          else if (label[b] === 2) dual[b]! -= delta;
        }
      if (deltaType === 1) break;
      if (deltaType === 2) {
        allowEdge[deltaEdge] = 1;
        let i = endpoint[2 * deltaEdge]!;
        if (label[inBlossom[i]!] === 0) i = endpoint[2 * deltaEdge + 1]!;
        queue.push(i);
      } else if (deltaType === 3) {
        allowEdge[deltaEdge] = 1;
        queue.push(endpoint[2 * deltaEdge]!);
      } else expandBlossom(deltaBlossom, false);
    }
    if (!augmented) break;
    // S-blossoms whose dual reached zero dissolve at the end of a stage.
    for (let b = n; b < 2 * n; b++)
      if (parent[b] === -1 && base[b]! >= 0 && label[b] === 1 && dual[b] === 0) expandBlossom(b, true);
  }
  for (let v = 0; v < n; v++) if (mate[v]! >= 0) result[v] = endpoint[mate[v]!]!;
  return result;
}
