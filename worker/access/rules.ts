// Who may do what: one table for visitors, the holder of a registration (through a link they
// followed), a person whose email is proven, and each organiser role. Pure data; the access
// middleware (access/middleware.ts) reads it for every route, and tests walk it route by route.

export const organiserRoles = ['owner', 'manager', 'viewer', 'check-in'] as const;
export type OrganiserRole = (typeof organiserRoles)[number];

/**
 * Anyone; someone holding a registration in this browser (through a link they followed); the same
 * with the email proven (the link was delivered by email); a person signed in with their email.
 */
export type PublicRole = 'visitor' | 'holder' | 'proven' | 'person';
export type Role = PublicRole | OrganiserRole;

const everyone = ['visitor', 'holder', 'proven', 'person', ...organiserRoles] as const;

export const accessTable = {
  /** Read published events, feeds and availability; register. */
  'events.read': everyone,
  'registrations.create': everyone,
  /** A person's own registration: the manage page, answers, stars, profile, introductions, cancelling. */
  'registration.manage': ['holder', 'proven', 'person'],
  /** Stopping every link to a registration (a new one goes to the address): for whoever proved it. */
  'registration.links': ['proven', 'person'],
  /** Things that join a person's registrations across events (a personal calendar): proven emails only. */
  'person.aggregate': ['proven', 'person'],
  /** My Gathering: every registration, message and sign-in of the person signed in. */
  'person.read': ['person'],
  /** Organisers, within the events their role is scoped to. */
  'registrations.read': ['owner', 'manager', 'viewer'],
  'registrations.decide': ['owner', 'manager'],
  'registrations.erase': ['owner', 'manager'],
  'registrations.count': ['owner', 'manager', 'viewer', 'check-in'],
  'check-in': ['owner', 'manager', 'check-in'],
  'meetings.read': ['owner', 'manager', 'viewer'],
  'meetings.schedule': ['owner', 'manager'],
  'audit.read': ['owner', 'manager', 'viewer'],
  /** Writing to a filtered audience of an event's registrations (the console's messages). */
  'messages.send': ['owner', 'manager'],
  /** Inviting organisers, changing their roles and scopes, removing them. */
  'team.manage': ['owner', 'manager'],
  /** Organiser tokens; needs a role scoped to every event. */
  'tokens.manage': ['owner', 'manager'],
  /** Paid tickets: orders and sales (payments.read), money back (payments.refund), vouchers. */
  'payments.read': ['owner', 'manager', 'viewer'],
  'payments.refund': ['owner', 'manager'],
  'vouchers.manage': ['owner', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof accessTable;

/** Actions that act on every event at once, so only a role scoped to all events may take them. */
const needsAllEvents: ReadonlySet<Action> = new Set(['tokens.manage']);

export type Organiser = { name: string; role: OrganiserRole; eventIds: readonly string[] | null };

export type Decision = { ok: true } | { ok: false; reason: string };

const described: Partial<Record<Action, string>> = {
  'registrations.read': 'read registrations',
  'registrations.decide': 'change registrations',
  'registrations.erase': 'erase registrations',
  'check-in': 'check people in',
  'meetings.schedule': 'schedule meetings',
  'audit.read': 'read the audit log',
  'tokens.manage': 'manage tokens',
  'messages.send': 'write to attendees',
  'team.manage': 'manage the team',
  'payments.read': 'read orders',
  'payments.refund': 'refund orders',
  'vouchers.manage': 'manage vouchers',
};

/** Whether an organiser may take `action` on `eventId` (or on everything, when it is omitted). */
export function organiserMay(who: Organiser, action: Action, eventId?: string): Decision {
  if (!(accessTable[action] as readonly Role[]).includes(who.role)) {
    return { ok: false, reason: `A ${who.role} cannot ${described[action] ?? action.replace('.', ' ')}.` };
  }
  if (who.eventIds && (needsAllEvents.has(action) || !eventId || !who.eventIds.includes(eventId))) {
    return {
      ok: false,
      reason:
        eventId && !needsAllEvents.has(action)
          ? `Not scoped to event "${eventId}".`
          : 'This needs a role scoped to all events.',
    };
  }
  return { ok: true };
}

/** Whether someone in a public role may take `action`. */
export const publicMay = (role: PublicRole, action: Action) => (accessTable[action] as readonly Role[]).includes(role);

/** How much a role may do, to keep anyone from removing someone who may do more. */
const rank: Record<OrganiserRole, number> = { owner: 3, manager: 2, viewer: 1, 'check-in': 1 };

/** Whether an organiser may revoke (or, later, change) what holds `target`'s role. */
export const mayManageRole = (who: Organiser, target: OrganiserRole) => rank[who.role] >= rank[target];
