// One error shape for the whole API: RFC 9457 problem details. Errors are values with a stable
// code; this file is the only place that maps a code to an HTTP status.
import type { Context } from 'hono';

export const problemStatus = {
  validation_failed: 400,
  malformed_body: 400,
  unauthorized: 401,
  forbidden: 403,
  cross_site_request: 403,
  not_found: 404,
  event_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  event_full: 409,
  event_cancelled: 409,
  event_postponed: 409,
  event_over: 409,
  registration_closed: 409,
  registration_external: 409,
  registration_not_open: 409,
  registration_ended: 409,
  not_waitlisted: 409,
  not_pending: 409,
  not_declined: 409,
  not_cancellable: 409,
  not_awaiting_payment: 409,
  ticket_not_valid: 409,
  idempotency_key_reused: 422,
  schedule_invalid: 422,
  schedule_stale: 409,
  idempotency_in_progress: 409,
  bot_suspected: 400,
  turnstile_failed: 403,
  registration_not_found: 404,
  ticket_not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // Paid tickets (#15).
  ticket_unavailable: 409,
  voucher_invalid: 400,
  order_not_found: 404,
  order_not_payable: 409,
  order_not_paid: 409,
  refund_too_large: 409,
  payment_failed: 502,
  payments_unavailable: 503,
  signature_invalid: 400,
  internal: 500,
  database_unavailable: 503,
} as const;

export type ProblemCode = keyof typeof problemStatus;
export type FieldProblem = { field: string; message: string };
export type Problem = {
  code: ProblemCode;
  message: string;
  fields?: FieldProblem[];
  headers?: Record<string, string>;
  /** Extension members of the problem object, for details a client can act on. */
  extra?: Record<string, unknown>;
};

export const problemTitles: Record<ProblemCode, string> = {
  validation_failed: 'The request has invalid fields',
  malformed_body: 'The request body could not be read',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  cross_site_request: 'Request from another site refused',
  not_found: 'Not found',
  event_not_found: 'Event not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  event_full: 'The event is full',
  event_cancelled: 'The event is cancelled',
  event_postponed: 'The event is postponed',
  event_over: 'The event is over',
  registration_closed: 'Registration is closed',
  registration_external: 'Registration happens elsewhere',
  registration_not_open: 'Registration is not open yet',
  registration_ended: 'Registration has ended',
  not_waitlisted: 'Not on the waitlist',
  not_pending: 'Not an open application',
  not_declined: 'Not a declined application',
  not_cancellable: 'Cannot be cancelled',
  not_awaiting_payment: 'Not awaiting payment',
  ticket_not_valid: 'Ticket not valid for entry',
  idempotency_key_reused: 'Idempotency key reused with another request',
  schedule_invalid: 'The schedule breaks the rules of 1:1 meetings',
  schedule_stale: 'The schedule was made from an older plan',
  idempotency_in_progress: 'A request with this idempotency key is still running',
  bot_suspected: 'Automated submission suspected',
  turnstile_failed: 'Human check failed',
  registration_not_found: 'Registration not found',
  ticket_not_found: 'Ticket not found',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported content type',
  rate_limited: 'Too many requests',
  ticket_unavailable: 'This ticket is not available',
  voucher_invalid: 'The voucher code does not work',
  order_not_found: 'Order not found',
  order_not_payable: 'This order can no longer be paid',
  order_not_paid: 'The order is not paid',
  refund_too_large: 'The refund is more than what is left',
  payment_failed: 'The payment provider did not answer',
  payments_unavailable: 'Payments are not set up',
  signature_invalid: 'The webhook signature does not check out',
  internal: 'Internal error',
  database_unavailable: 'Database unavailable',
};

/** Thrown from middleware and handlers; the app's error handler answers with it. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

export const fail = (code: ProblemCode, message: string, extra?: Record<string, unknown>): never => {
  throw new ProblemError({ code, message, extra });
};

export function problemResponse(c: Context, problem: Problem): Response {
  const status = problemStatus[problem.code];
  const body = {
    ...problem.extra,
    type: `${new URL(c.req.url).origin}/api/problems/${problem.code}`,
    title: problemTitles[problem.code],
    status,
    code: problem.code,
    detail: problem.message,
    instance: new URL(c.req.url).pathname,
    ...(problem.fields ? { errors: problem.fields } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      ...problem.headers,
    },
  });
}
