// An order's payment state as organisers and exports name it, from its stored state and amounts:
// one rule, so the console's filter (db/order-lists.ts says the same in SQL), its pages and the
// export columns agree.

export const paymentStates = ['awaiting', 'paid', 'partly-refunded', 'refunded', 'expired', 'cancelled'] as const;
export type PaymentState = (typeof paymentStates)[number];

export const paymentStateLabels: Record<PaymentState, string> = {
  awaiting: 'awaiting payment',
  paid: 'paid',
  'partly-refunded': 'partly refunded',
  refunded: 'refunded',
  expired: 'expired unpaid',
  cancelled: 'cancelled unpaid',
};

export type OrderAmounts = { status: string; paidAt: string | null; amountTotal: number; amountRefunded: number };

export function paymentState(o: OrderAmounts): PaymentState {
  if (o.paidAt) {
    if (o.amountRefunded <= 0) return 'paid';
    return o.amountRefunded >= o.amountTotal ? 'refunded' : 'partly-refunded';
  }
  if (o.status === 'open') return 'awaiting';
  return o.status === 'expired' ? 'expired' : 'cancelled';
}
