import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexVocabulary, normaliseTags } from '../../model/vocabulary.ts';
import { schedule } from './scheduler.ts';
import { type MatchProfile, pairFit } from './score.ts';
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
