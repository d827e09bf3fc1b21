// Reads a write request's body as JSON or as an HTML form, and nothing else. Size is capped
// before this by the body-limit middleware.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { fail, ProblemError } from './problems.ts';

export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ProblemError({
        code: 'payload_too_large',
        message: `The request body must be at most ${maxSize / 1024} KiB.`,
      });
    },
  });

export type Body = { kind: 'json' | 'form'; data: unknown };

export async function readBody(c: Context): Promise<Body> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    const text = await c.req.text();
    try {
      return { kind: 'json', data: JSON.parse(text) };
    } catch (error) {
      return fail('malformed_body', `The body is not valid JSON: ${(error as Error).message.slice(0, 120)}`);
    }
  }
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      return fail('malformed_body', 'The form body could not be read.');
    }
    // No prototype: a field named __proto__ is a field like any other (and then refused as unknown).
    const data: Record<string, string | string[]> = Object.create(null);
    for (const [key, value] of form.entries()) {
      if (typeof value !== 'string') continue;
      const prior = data[key];
      data[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
    return { kind: 'form', data };
  }
  throw new ProblemError({
    code: 'unsupported_media_type',
    message: `Send the body as application/json or an HTML form, not ${type || 'an unlabelled body'}.`,
  });
}
