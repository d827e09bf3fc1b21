// edmonds-blossom-fixed (the tests' and the benchmark's reference matching) ships no types: edges as
// [i, j, weight], answer mate[i] = j or -1.
declare module 'edmonds-blossom-fixed' {
  export default function maximumWeightMatching(edges: [number, number, number][], maxCardinality?: boolean): number[];
}
