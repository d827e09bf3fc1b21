// What the error handler logs and answers for failures nobody planned: never query parameters
// (they hold emails and bios), never internals in the answer.
import { DrizzleQueryError } from 'drizzle-orm/errors';

/** The error without its query parameters: drizzle's message repeats them. */
export function describeError(error: unknown): string {
  if (error instanceof DrizzleQueryError) {
    const query = error.query.replace(/\s+/g, ' ').slice(0, 200);
    return `query failed (${error.cause?.message ?? 'no cause'}): ${query}`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** D1 answered, but without the tables this code needs: migrations were not applied. */
export function isUnmigrated(error: unknown): boolean {
  const text =
    error instanceof DrizzleQueryError ? String(error.cause?.message) : error instanceof Error ? error.message : '';
  return /no such (table|column)/i.test(text);
}

/** A path as logs may keep it: link, session, sign-in and calendar secrets replaced. */
export const redactPath = (path: string) =>
  path.replace(/\b(?:[mcgsi]_[A-Za-z0-9_-]{43}|u_\d+\.[A-Za-z0-9_-]{20,})/g, '[secret]');
