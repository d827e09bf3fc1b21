// The scheduler run on a plan (plan.ts): the scheduler's input with weights from the shared scoring
// rule, and the meetings it makes. Pure, and free of schemas: the organiser's browser bundles this.
import { type Meeting, type ScheduleInput, schedule } from './scheduler.ts';
import { pairScore, type Scored } from './score.ts';

/** What the scheduler reads of a plan; plan.ts's schema describes the whole plan as it travels. */
export type PlanInput = {
  slots: { index: number; tables: number }[];
  participants: (Scored & { id: number; key: string })[];
  alreadyMet: [number, number][];
  declined: [number, number][];
  sitOuts: [number, number][];
};

/** The scheduler's input for a plan: weights from the shared scoring rule. */
export function scheduleInputOf(plan: PlanInput): ScheduleInput {
  const byId = new Map(plan.participants.map((p) => [p.id, p]));
  return {
    people: plan.participants.map((p) => p.id),
    weight: (a, b) => {
      const pa = byId.get(a);
      const pb = byId.get(b);
      return !pa || !pb || pa.key === pb.key ? 0 : pairScore(pa, pb);
    },
    slots: plan.slots,
    alreadyMet: plan.alreadyMet,
    declined: plan.declined,
    sitOuts: new Map(plan.sitOuts),
  };
}

/** Runs the scheduler on a plan: what the command and the organiser's browser do. */
export function planMeetings(plan: PlanInput, onSlot?: (filled: number, of: number) => void): Meeting[] {
  return schedule({ ...scheduleInputOf(plan), onSlot }).meetings;
}
