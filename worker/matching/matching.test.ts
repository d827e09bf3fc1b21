import referenceMatching from 'edmonds-blossom-fixed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexVocabulary, normaliseTags } from '../../model/vocabulary.ts';
import { maximumWeightMatching } from './blossom.ts';
import { type Meeting, type ScheduleInput, type ScheduleProblemCode, schedule, validateSchedule } from './scheduler.ts';
import { type MatchProfile, pairFit, pairScore } from './score.ts';
import { suggestionsFor } from './suggestions.ts';

const tags = indexVocabulary([
  { id: 'product-design', label: 'product design', synonyms: ['ux'] },
  { id: 'pricing', label: 'pricing', synonyms: ['rates'] },
  { id: 'remote-teams', label: 'remote teams', synonyms: ['remote work'] },
  { id: 'writing', label: 'writing', synonyms: [] },
]);

let nextId = 1;
const profile = (name: string, p: Partial<MatchProfile> = {}): MatchProfile => ({
  id: nextId++,
  person: name.toLowerCase(),
  key: `p:${name.toLowerCase()}`,
  eventId: 'camp',
  name,
  city: null,
  offers: [],
  seeks: [],
  interests: [],
  languages: [],
  visibility: 'event',
  ...p,
});

describe('normaliseTags', () => {
  it('maps synonyms onto the vocabulary and keeps other words as typed, once each', () => {
    expect(
      normaliseTags(tags, ['UX', 'product design', ' Rates ', 'Sourdough baking', 'sourdough  BAKING', '']),
    ).toEqual(['product-design', 'pricing', '~sourdough baking']);
    expect(tags.label('~sourdough baking')).toBe('sourdough baking');
  });
});

describe('pairFit', () => {
  const designer = profile('Ana', {
    offers: ['product-design'],
    seeks: ['pricing'],
    interests: ['remote-teams'],
    city: 'Lisbon',
    languages: ['Portuguese', 'English'],
  });
  const advisor = profile('Ben', {
    offers: ['pricing'],
    seeks: ['product-design'],
    interests: ['remote-teams'],
    city: 'Lisbon',
    languages: ['english'],
  });
  const oneWay = profile('Cai', { offers: ['pricing'], interests: ['writing'] });
  const sameInterest = profile('Dee', { interests: ['remote-teams'] });
  const cityOnly = profile('Eve', { city: 'Lisbon', languages: ['Portuguese'] });

  it('weighs mutual complements most, then one-way, then shared interests', () => {
    expect(pairFit(designer, advisor, tags).score).toBe(10 + 1 + 0.5 + 0.5);
    expect(pairFit(designer, oneWay, tags).score).toBe(4);
    expect(pairFit(designer, sameInterest, tags).score).toBe(1);
    expect(pairFit(designer, cityOnly, tags).score).toBe(0);
  });

  it("gives human reasons from the viewer's side", () => {
    expect(pairFit(designer, advisor, tags).reasons).toEqual([
      'offers pricing, which you seek',
      'seeks product design, which you offer',
      'you both care about remote teams',
      'also based in Lisbon',
      'you both speak english',
    ]);
    expect(pairFit(advisor, designer, tags).reasons[0]).toBe('offers product design, which you seek');
  });

  it('is the same score from either side', () => {
    for (const [a, b] of [
      [designer, advisor],
      [designer, oneWay],
      [oneWay, sameInterest],
    ] as const)
      expect(pairFit(a, b, tags).score).toBe(pairFit(b, a, tags).score);
  });

  it('has one scoring rule: pairScore, which pairFit reports with its reasons', () => {
    const words = ['product-design', 'pricing', 'remote-teams', 'writing', '~sourdough baking'];
    const someone = fc.record({
      offers: fc.uniqueArray(fc.constantFrom(...words), { maxLength: 4 }),
      seeks: fc.uniqueArray(fc.constantFrom(...words), { maxLength: 4 }),
      interests: fc.uniqueArray(fc.constantFrom(...words), { maxLength: 5 }),
      languages: fc.uniqueArray(fc.constantFrom('English', 'english', 'Português', 'japanese'), { maxLength: 2 }),
      city: fc.constantFrom(null, 'Lisbon', 'lisbon', 'Berlin'),
    });
    fc.assert(
      fc.property(someone, someone, (a, b) => {
        const [x, y] = [profile('X', a), profile('Y', b)];
        const fit = pairFit(x, y, tags);
        expect(fit.score).toBe(pairScore(x, y));
        expect(pairScore(y, x)).toBe(pairScore(x, y));
        expect(fit.reasons.length > 0).toBe(fit.score > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('scores 0 for people without a shared language', () => {
    expect(
      pairFit(
        designer,
        profile('Fay', { offers: ['pricing'], seeks: ['product-design'], languages: ['Japanese'] }),
        tags,
      ).score,
    ).toBe(0);
  });
});

describe('suggestionsFor', () => {
  const me = profile('Me', { seeks: ['pricing'], offers: ['writing'], visibility: 'network' });
  const good = profile('Good', { offers: ['pricing'], seeks: ['writing'] });
  const ok = profile('Ok', { offers: ['pricing'] });
  const elsewherePrivate = profile('Private', {
    eventId: 'other',
    offers: ['pricing'],
    seeks: ['writing'],
    visibility: 'event',
  });
  const elsewhereOpen = profile('Open', { eventId: 'other', offers: ['pricing'], visibility: 'network' });
  const declined = profile('Declined', { offers: ['pricing'], seeks: ['writing'] });
  const myself = { ...me, id: 999, eventId: 'other' };

  it('ranks by score, never suggests myself, the declined, or people not visible to me', () => {
    const blocked = (a: string, b: string) => [a, b].sort().join('|') === 'p:declined|p:me';
    const result = suggestionsFor(me, [good, ok, elsewherePrivate, elsewhereOpen, declined, myself], tags, blocked);
    expect(result.map((s) => s.profile.name)).toEqual(['Good', 'Ok', 'Open']);
    expect(result[0]!.reasons).toContain('offers pricing, which you seek');
  });

  it('shows people at other events only when both chose the whole network', () => {
    const eventOnlyMe = { ...me, visibility: 'event' as const };
    expect(suggestionsFor(eventOnlyMe, [elsewhereOpen], tags, () => false)).toEqual([]);
  });
});

describe('schedule', () => {
  it('finds the heavier pairing where greedy alone would not (a–b 3, b–c 4, c–d 3)', () => {
    const weights: Record<string, number> = { '1-2': 3, '2-3': 4, '3-4': 3 };
    const { meetings } = schedule({
      people: [1, 2, 3, 4],
      weight: (a, b) => weights[`${Math.min(a, b)}-${Math.max(a, b)}`] ?? 0,
      slots: [{ index: 0, tables: 5 }],
    });
    expect(meetings.map((m) => [m.a, m.b]).sort()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('shares sit-outs fairly when someone must be left over', () => {
    const people = [1, 2, 3, 4, 5];
    const { sitOuts } = schedule({
      people,
      weight: () => 1,
      slots: [0, 1, 2, 3, 4].map((index) => ({ index, tables: 2 })),
    });
    expect(people.map((p) => sitOuts.get(p))).toEqual([1, 1, 1, 1, 1]);
  });

  it('keeps to the tables and to pairs met in slots that already started', () => {
    const { meetings } = schedule({
      people: [1, 2, 3, 4, 5, 6],
      weight: () => 2,
      slots: [{ index: 3, tables: 2 }],
      alreadyMet: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    });
    expect(meetings).toHaveLength(2);
    for (const m of meetings)
      expect(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ].map(String),
      ).not.toContain(String([m.a, m.b]));
  });

  it('never seats a declined pair', () => {
    const { meetings } = schedule({
      people: [1, 2, 3, 4],
      weight: (a, b) => (a + b === 3 ? 10 : 1),
      slots: [{ index: 0, tables: 2 }],
      declined: [[2, 1]],
    });
    expect(meetings.map((m) => [m.a, m.b])).not.toContainEqual([1, 2]);
    expect(meetings).toHaveLength(2);
  });

  it('keeps every invariant on random instances', () => {
    const instance = fc.record({
      people: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 24 }),
      weights: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })), {
        minLength: 3600,
        maxLength: 3600,
      }),
      slots: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 4 }),
      met: fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 })), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(instance, ({ people, weights, slots, met }) => {
        const weight = (a: number, b: number) => weights[Math.min(a, b) * 60 + Math.max(a, b) - 61] ?? 0;
        const { meetings } = schedule({
          people,
          weight,
          slots: slots.map((tables, index) => ({ index, tables })),
          alreadyMet: met.filter(([a, b]) => a !== b),
        });
        const seenPairs = new Set(met.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
        for (const [index, tables] of slots.entries()) {
          const inSlot = meetings.filter((m) => m.slot === index);
          expect(inSlot.length).toBeLessThanOrEqual(tables);
          const busy = inSlot.flatMap((m) => [m.a, m.b]);
          expect(new Set(busy).size).toBe(busy.length);
          expect(inSlot.map((m) => m.table).sort((x, y) => x - y)).toEqual(inSlot.map((_, i) => i + 1));
        }
        for (const m of meetings) {
          expect(people).toContain(m.a);
          expect(people).toContain(m.b);
          expect(m.a).not.toBe(m.b);
          expect(weight(m.a, m.b)).toBeGreaterThan(0);
          const key = `${Math.min(m.a, m.b)}-${Math.max(m.a, m.b)}`;
          expect(seenPairs.has(key)).toBe(false);
          seenPairs.add(key);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('maximumWeightMatching', () => {
  const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      // Halves, as scores are, with ties likely.
      edges: fc.uniqueArray(
        fc.tuple(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 1, max: 24 }),
        ),
        { selector: ([i, j]) => `${Math.min(i, j)} ${Math.max(i, j)}`, maxLength: 40 },
      ),
    }),
  );

  /** The best total by trying every matching: small graphs only. */
  function bruteForce(n: number, w: number[][]): number {
    const best = (free: number[]): number => {
      if (free.length < 2) return 0;
      const [i, ...rest] = free as [number, ...number[]];
      let total = best(rest);
      for (const j of rest) if (w[i]![j]! > 0) total = Math.max(total, w[i]![j]! + best(rest.filter((x) => x !== j)));
      return total;
    };
    return best([...Array(n).keys()]);
  }

  it('finds the optimum, as the edmonds-blossom-fixed package and brute force do', () => {
    fc.assert(
      fc.property(graph, ({ n, edges }) => {
        const list = edges.filter(([i, j]) => i !== j).map(([i, j, v]): [number, number, number] => [i, j, v / 2]);
        const w = Array.from({ length: n }, () => new Array<number>(n).fill(0));
        for (const [i, j, v] of list) w[i]![j] = w[j]![i] = v;
        const mate = maximumWeightMatching(
          n,
          list.map((e) => e[0]),
          list.map((e) => e[1]),
          list.map((e) => e[2]),
        );
        let total = 0;
        for (let i = 0; i < n; i++) {
          const j = mate[i]!;
          if (j === -1) continue;
          expect(mate[j]).toBe(i);
          expect(w[i]![j]).toBeGreaterThan(0);
          if (i < j) total += w[i]![j]!;
        }
        expect(total).toBe(bruteForce(n, w));
        // Same algorithm, same order of edges: the same matching as the package.
        const reference = list.length ? referenceMatching(list) : [];
        expect([...mate]).toEqual(Array.from({ length: n }, (_, i) => reference[i] ?? -1));
      }),
      { numRuns: 500 },
    );
  });
});

describe('validateSchedule', () => {
  const ana = profile('Ana', { offers: ['pricing'], seeks: ['product-design'] });
  const ben = profile('Ben', { offers: ['product-design'], seeks: ['pricing', 'writing'] });
  const cai = profile('Cai', { offers: ['product-design'], interests: ['writing'] });
  const dee = profile('Dee', { offers: ['writing'], seeks: ['pricing'], interests: ['writing'] });
  const eve = profile('Eve', { interests: ['remote-teams'] });
  const outsider = profile('Out', { offers: ['pricing'], seeks: ['product-design'] });
  const everyone = [ana, ben, cai, dee, eve, outsider];
  const byId = new Map(everyone.map((p) => [p.id, p]));
  const input: ScheduleInput = {
    people: [ana, ben, cai, dee, eve].map((p) => p.id),
    weight: (a, b) => pairScore(byId.get(a)!, byId.get(b)!),
    slots: [
      { index: 1, tables: 2 },
      { index: 2, tables: 2 },
    ],
    alreadyMet: [[ana.id, cai.id]],
    declined: [[ben.id, dee.id]],
  };
  const meet = (slot: number, table: number, a: MatchProfile, b: MatchProfile, score?: number): Meeting => ({
    slot,
    table,
    a: a.id,
    b: b.id,
    score: score ?? pairScore(a, b),
  });
  const codes = (meetings: Meeting[]) => validateSchedule(input, meetings).map((p) => [p.code, p.meeting]);

  it('accepts a schedule within the rules', () => {
    expect(validateSchedule(input, [meet(1, 1, ana, ben), meet(1, 2, cai, dee), meet(2, 1, ana, dee)])).toEqual([]);
    expect(validateSchedule(input, [])).toEqual([]);
  });

  it.each<[string, Meeting[], [ScheduleProblemCode, number][]]>([
    ['someone not taking part', [meet(1, 1, ana, outsider)], [['unknown-person', 0]]],
    ['a person paired with themselves', [meet(1, 1, ana, ana)], [['same-person', 0]]],
    ['a slot that is not being scheduled', [meet(0, 1, ana, ben)], [['slot-not-open', 0]]],
    ['a table beyond the slot', [meet(1, 3, ana, ben)], [['table-out-of-range', 0]]],
    ['table 0', [meet(1, 0, ana, ben)], [['table-out-of-range', 0]]],
    ['a table used twice', [meet(1, 1, ana, ben), meet(1, 1, cai, dee)], [['table-taken', 1]]],
    ['a person twice in a slot', [meet(1, 1, ana, ben), meet(1, 2, ana, dee)], [['double-booked', 1]]],
    ['a pair twice', [meet(1, 1, ana, ben), meet(2, 1, ben, ana)], [['pair-repeated', 1]]],
    ['a pair that met in a started slot', [meet(1, 1, cai, ana)], [['already-met', 0]]],
    ['a declined pair', [meet(1, 1, dee, ben)], [['declined', 0]]],
    ['a pair with nothing in common', [meet(1, 1, ana, eve, 1)], [['zero-score', 0]]],
    ['a wrong score', [meet(1, 1, ana, ben, 99)], [['score-mismatch', 0]]],
  ])('catches %s', (_, meetings, expected) => {
    expect(codes(meetings)).toEqual(expected);
    for (const problem of validateSchedule(input, meetings))
      expect(problem.message).toMatch(/^Meeting \d+ \(slot \d+, table \d+\): .+[.;]/);
  });

  it('reports every problem of a meeting, each once', () => {
    expect(codes([meet(0, 9, outsider, outsider)])).toEqual([
      ['slot-not-open', 0],
      ['unknown-person', 0],
      ['same-person', 0],
    ]);
  });

  it("passes the scheduler's own output, with declined pairs and pairs already met", () => {
    const instance = fc.record({
      people: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }),
      weights: fc.array(
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: 1, max: 20 }).map((v) => v / 2),
        ),
        {
          minLength: 1600,
          maxLength: 1600,
        },
      ),
      tables: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 4 }),
      met: fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })), { maxLength: 10 }),
      declined: fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(instance, ({ people, weights, tables, met, declined }) => {
        const input: ScheduleInput = {
          people,
          weight: (a, b) => weights[Math.min(a, b) * 40 + Math.max(a, b) - 41] ?? 0,
          slots: tables.map((t, i) => ({ index: i + 2, tables: t })),
          alreadyMet: met.filter(([a, b]) => a !== b),
          declined: declined.filter(([a, b]) => a !== b),
        };
        expect(validateSchedule(input, schedule(input).meetings)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
