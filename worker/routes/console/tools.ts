// The console's programme tools: exports, the audit log and the 1:1 meeting scheduler.
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { consoleAudit } from './audit.tsx';
import { consoleExport } from './export.tsx';
import { consoleMeetings } from './meetings.tsx';

export const consoleTools = new Hono<AppEnv>()
  .route('/', consoleAudit)
  .route('/', consoleExport)
  .route('/', consoleMeetings);
