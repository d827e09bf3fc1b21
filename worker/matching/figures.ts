// Figures of a stored 1:1 schedule, for organisers: how many met, how evenly, how well. Pure.

export type ScheduleFigures = {
  participants: number;
  meetings: number;
  meetingsPerPerson: { min: number; median: number; max: number };
  scores: { min: number; median: number; max: number; total: number };
  /** Participants without any meeting. */
  unmatched: number[];
};

export const median = (xs: number[]) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The figures of `meetings` among the registrations in `participants`. */
export function scheduleFigures(
  participants: readonly number[],
  meetings: readonly { registrationA: number; registrationB: number; score: number }[],
): ScheduleFigures {
  const perPerson = new Map(participants.map((id) => [id, 0]));
  for (const m of meetings)
    for (const id of [m.registrationA, m.registrationB]) perPerson.set(id, (perPerson.get(id) ?? 0) + 1);
  const counts = [...perPerson.values()];
  const scores = meetings.map((m) => m.score);
  return {
    participants: participants.length,
    meetings: meetings.length,
    meetingsPerPerson: {
      min: counts.length ? Math.min(...counts) : 0,
      median: median(counts),
      max: counts.length ? Math.max(...counts) : 0,
    },
    scores: {
      min: scores.length ? Math.min(...scores) : 0,
      median: median(scores),
      max: scores.length ? Math.max(...scores) : 0,
      total: scores.reduce((a, b) => a + b, 0),
    },
    unmatched: participants.filter((id) => (perPerson.get(id) ?? 0) === 0),
  };
}
