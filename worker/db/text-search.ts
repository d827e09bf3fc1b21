// Text search in a column: instr() rather than LIKE, since D1 refuses LIKE patterns longer than
// 50 bytes (a pasted email address would be a 500) and instr() needs no escaping. Case folds as
// SQLite's lower() does (ASCII), on both sides.
import { type SQL, sql } from 'drizzle-orm';

export const contains = (column: SQL, text: string) => sql`instr(lower(${column}), lower(${text})) > 0`;
