// The console's organiser tools from issue #12's "Organisers and access" and "Write to attendees":
// the team, API tokens, and messages to an event's attendees.
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { consoleMessages } from './messages.tsx';
import { consoleTeam } from './team.tsx';
import { consoleTokens } from './tokens.tsx';

export const consoleOrganisers = new Hono<AppEnv>()
  .route('/', consoleTeam)
  .route('/', consoleTokens)
  .route('/', consoleMessages);
