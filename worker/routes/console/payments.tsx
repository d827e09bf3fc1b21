// The console's paid-ticket pages, mounted together: orders (and refunds), vouchers, solidarity.
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { consoleOrders } from './orders.tsx';
import { consoleSolidarity } from './solidarity.tsx';
import { consoleVouchers } from './vouchers.tsx';

export const consolePayments = new Hono<AppEnv>()
  .route('/', consoleOrders)
  .route('/', consoleVouchers)
  .route('/', consoleSolidarity);
