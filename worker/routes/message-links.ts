// Pages reached from links in messages organisers cause, outside /console: accepting an invitation
// to organise, and stopping an event's announcements.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { invitations } from './invitations.tsx';
import { unsubscribeRoutes } from './unsubscribe.tsx';

export const messageLinks = new Hono<AppEnv>().route('/', invitations).route('/', unsubscribeRoutes);
