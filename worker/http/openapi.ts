// Shared pieces of the OpenAPI description: the problem details schema and the validation hook
// that turns every schema failure into a 400 problem with the fields named.
import { type Hook, z } from '@hono/zod-openapi';
import { type FieldProblem, problemResponse } from './problems.ts';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const descriptions: Record<number, string> = {
  400: 'Invalid request',
  401: 'Missing or invalid token',
  403: 'Token not allowed here',
  404: 'Not found',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Unsupported content type',
  422: 'Refused',
  429: 'Too many requests',
};

/** Documents problem answers for the given statuses. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s] ?? 'Problem', content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}

/** One problem per field: the first, which is the one to fix first ("required" before "malformed"). */
export function fieldProblems(issues: readonly { path: PropertyKey[]; message: string }[]): FieldProblem[] {
  const byField = new Map<string, string>();
  for (const i of issues) {
    const field = i.path.map(String).join('.') || '(body)';
    if (!byField.has(field)) byField.set(field, i.message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

/** The problem of a request the route's schema refused, one entry per field. */
export const validationProblem = (issues: readonly { path: PropertyKey[]; message: string }[]) => ({
  code: 'validation_failed' as const,
  message: 'Some fields are invalid; see errors for each one.',
  fields: fieldProblems(issues),
});

// biome-ignore lint: the hook is generic over every route
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (!result.success) return problemResponse(c, validationProblem(result.error.issues));
};
