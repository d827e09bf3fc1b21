// What one organiser may grant to or take from another: a role no higher than their own
// (mayManageRole), over events inside their own scope (the access table's 'team.manage', asked per
// event). Pure; the team service and the console's pages ask it before any write.
import { mayManageRole, type Organiser, type OrganiserRole, organiserMay, organiserRoles } from '../access/rules.ts';

/** A role and the events it covers (null: every event). */
export type Grant = { role: OrganiserRole; eventIds: readonly string[] | null };

/** At most this many events in one grant: each is checked against the published content. */
export const MAX_SCOPED_EVENTS = 20;

const EVENT_ID = /^[a-z0-9]+(?:[-/][a-z0-9]+)*$/;

/** Whether `who` may manage the team at all: the access table, for their own scope. */
export const mayManageTeam = (who: Organiser) =>
  organiserMay(who, 'team.manage', who.eventIds ? who.eventIds[0] : undefined).ok;

/** Whether every event of `scope` is inside `who`'s scope (null: every event, which only an unscoped role covers). */
const coversScope = (who: Organiser, scope: readonly string[] | null) =>
  scope === null
    ? organiserMay(who, 'team.manage').ok
    : scope.length > 0 && scope.every((id) => organiserMay(who, 'team.manage', id).ok);

/** Why `who` may not give (or hold power over) `grant`, or undefined when they may. */
export function grantRefusal(who: Organiser, grant: Grant): string | undefined {
  if (!mayManageTeam(who)) return `A ${who.role} cannot manage the team.`;
  if (!mayManageRole(who, grant.role)) return `A ${who.role} cannot give or change the role ${grant.role}.`;
  if (!coversScope(who, grant.eventIds))
    return grant.eventIds === null
      ? 'Only someone whose role covers every event may give a role over every event.'
      : 'You may only give roles over your own events.';
  return undefined;
}

/** The roles `who` may give, in the order forms offer them. */
export const grantableRoles = (who: Organiser, among: readonly OrganiserRole[] = organiserRoles) =>
  mayManageTeam(who) ? among.filter((r) => mayManageRole(who, r)) : [];

/** Whether `who` sees `member` on the team page: their scopes share an event (or either has all). */
export const sharesEvents = (who: Organiser, member: { eventIds: readonly string[] | null }) =>
  who.eventIds === null || member.eventIds === null || member.eventIds.some((id) => who.eventIds!.includes(id));

export type ScopeResult = { ok: true; eventIds: string[] | null } | { ok: false; message: string };

/**
 * The events typed in a form ("a, b" or one per line; nothing means every event): well-formed ids,
 * without duplicates, at most MAX_SCOPED_EVENTS. Whether each exists is the caller's to check.
 */
export function parseScope(input: unknown): ScopeResult {
  const values = (Array.isArray(input) ? input : [input]).filter((v): v is string => typeof v === 'string');
  const ids = [
    ...new Set(
      values
        .join(',')
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) return { ok: true, eventIds: null };
  if (ids.length > MAX_SCOPED_EVENTS) return { ok: false, message: `List at most ${MAX_SCOPED_EVENTS} events.` };
  const bad = ids.find((id) => !EVENT_ID.test(id) || id.length > 120);
  if (bad !== undefined)
    return {
      ok: false,
      message: `"${bad.slice(0, 60)}" is not an event id: ids are lower-case letters, digits and dashes, like "indiecon-2027".`,
    };
  return { ok: true, eventIds: ids };
}

/** A role as a form sends it. */
export const parseRole = (input: unknown): OrganiserRole | undefined =>
  typeof input === 'string' && (organiserRoles as readonly string[]).includes(input)
    ? (input as OrganiserRole)
    : undefined;
