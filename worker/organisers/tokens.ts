// Organiser API tokens, apart from HTTP: the console creates and revokes them, the organiser API
// lists and revokes them, and both come through here. A token's secret exists only in the answer
// that creates it; only its hash is stored, and it is never logged.
import { mayManageRole, type Organiser, type OrganiserRole } from '../access/rules.ts';
import { hashSecret, newSecret } from '../access/secrets.ts';
import type { AuditEntry } from '../db/audit.ts';
import { type ApiToken, createToken, listTokens, revokeToken, tokenById } from '../db/tokens.ts';
import type { Problem } from '../http/problems.ts';
import type { Services } from '../registrations/service.ts';
import { parseRole, parseScope } from './grants.ts';

/** Roles a token may have: owners are people, so that someone always answers for the team. */
export const tokenRoles: readonly OrganiserRole[] = ['manager', 'viewer', 'check-in'];

export type TokenInput = { name: string; role: OrganiserRole; eventIds: string[] | null };
export type FieldProblems = Record<string, string>;

const invalid = (message: string, fields: FieldProblems): { ok: false; problem: Problem; fields: FieldProblems } => ({
  ok: false,
  problem: {
    code: 'validation_failed',
    message,
    fields: Object.entries(fields).map(([field, m]) => ({ field, message: m })),
  },
  fields,
});

/** A token as the console's form sends it: a name, a role the organiser may give, events that exist. */
export async function readTokenInput(
  s: Pick<Services, 'content'>,
  who: Organiser,
  data: Record<string, unknown>,
): Promise<{ ok: true; value: TokenInput } | ReturnType<typeof invalid>> {
  const fields: FieldProblems = {};
  const name = typeof data.name === 'string' ? data.name.trim() : '';
  if (!name || name.length > 80 || /[\u0000-\u001f\u007f]/.test(name))
    fields.name = 'Give the token a name of up to 80 characters, such as "Door team".';
  const role = parseRole(data.role);
  if (!role || !tokenRoles.includes(role)) fields.role = `A token's role is one of: ${tokenRoles.join(', ')}.`;
  else if (!mayManageRole(who, role)) fields.role = `A ${who.role} cannot create a ${role}'s token.`;
  const scope = parseScope(data.events);
  if (!scope.ok) fields.events = scope.message;
  else if (scope.eventIds) {
    const missing = [];
    for (const id of scope.eventIds) if (!(await s.content.event(id))) missing.push(id);
    if (missing.length) fields.events = `There is no event ${missing.map((id) => `"${id}"`).join(', ')}.`;
  }
  if (Object.keys(fields).length || !role || !scope.ok) return invalid('The token could not be created.', fields);
  return { ok: true, value: { name, role, eventIds: scope.eventIds } };
}

/** Creates a token: the secret is returned here once and never stored. */
export async function createOrganiserToken(
  s: Pick<Services, 'db' | 'now'>,
  actor: string,
  input: TokenInput,
): Promise<{ token: string; row: ApiToken }> {
  const token = newSecret('gat_');
  const now = s.now.toISOString();
  const audit: AuditEntry = {
    actor,
    action: 'token.create',
    at: now,
    detail: { name: input.name, role: input.role, eventIds: input.eventIds },
  };
  // Who made it, so that removing them from the team stops it too.
  const row = await createToken(s.db, { ...input, tokenHash: await hashSecret(token), now, createdBy: actor }, audit);
  return { token, row };
}

/** Tokens as organisers see them: never their hashes. */
export async function tokenList(s: Pick<Services, 'db'>) {
  return (await listTokens(s.db)).map(({ tokenHash: _hash, ...t }) => t);
}

export type RevokeResult = { ok: true } | { ok: false; problem: Problem };

/** Revokes an active token, unless its role is above the organiser's. */
export async function revokeOrganiserToken(
  s: Pick<Services, 'db' | 'now'>,
  who: Organiser,
  id: number,
): Promise<RevokeResult> {
  const target = await tokenById(s.db, id);
  if (!target || target.revokedAt !== null)
    return { ok: false, problem: { code: 'not_found', message: `There is no active token ${id}.` } };
  if (!mayManageRole(who, target.role))
    return {
      ok: false,
      problem: { code: 'forbidden', message: `A ${who.role} cannot revoke a ${target.role}'s token.` },
    };
  const now = s.now.toISOString();
  const audit = { actor: who.name, action: 'token.revoke', at: now, detail: { tokenId: id, name: target.name } };
  if (!(await revokeToken(s.db, { id, role: target.role, now }, audit)))
    return { ok: false, problem: { code: 'not_found', message: `There is no active token ${id}.` } };
  return { ok: true };
}
