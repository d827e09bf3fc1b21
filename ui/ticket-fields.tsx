// The ticket part of the registration form for events with ticket types: the type (radio
// buttons, the first on offer checked), a pay-what-you-can amount, other people in a group order,
// solidarity tickets and a voucher code. Plain fields: the form works without JavaScript, and the
// server computes what is charged (model/pricing.ts).
import { MAX_GROUP } from '../model/pricing.ts';
import { type CatalogueTicket, currencyExponent, formatMoney } from '../model/tickets.ts';
import { describedBy, FieldError, type FieldErrors } from './question-fields.tsx';

export type TicketValues = {
  ticketType?: unknown;
  amount?: unknown;
  voucher?: unknown;
  solidarity?: unknown;
  attendees?: unknown;
};

/** Rows offered for other attendees without JavaScript; empty rows are ignored. */
export const GROUP_ROWS = 4;

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const priceText = (t: CatalogueTicket) =>
  t.payWhatYouCan
    ? `pay what you can, from ${formatMoney(t.payWhatYouCan.minimumMinor, t.currency)} (suggested ${formatMoney(t.payWhatYouCan.suggestedMinor, t.currency)})`
    : t.priceMinor === 0
      ? 'free'
      : formatMoney(t.priceMinor, t.currency);

export function TicketFields(props: {
  tickets: CatalogueTicket[];
  values?: TicketValues;
  errors?: FieldErrors;
  afterApproval?: boolean;
}) {
  const { values = {}, errors = {} } = props;
  const offered = props.tickets.filter((t) => !t.hidden && !t.solidarity);
  const chosen = text(values.ticketType) || offered[0]?.id;
  const pwyc = offered.find((t) => t.payWhatYouCan);
  const solidarity = props.tickets.find((t) => t.solidarity);
  const attendees = Array.isArray(values.attendees) ? (values.attendees as { name?: unknown; email?: unknown }[]) : [];
  const step = pwyc ? 1 / 10 ** currencyExponent(pwyc.currency) : 1;
  return (
    <div class="tickets" data-tickets>
      <fieldset class="field" aria-describedby={errors.ticketType ? 'r-ticket-error' : undefined}>
        <legend>Ticket</legend>
        {offered.map((t) => (
          <label class="choice ticket-choice">
            <input type="radio" name="ticketType" value={t.id} checked={t.id === chosen} id={`r-ticket-${t.id}`} />{' '}
            <span>
              <strong>{t.name}</strong>: {priceText(t)}
              {t.afterApproval && ', paid once your application is accepted'}
              {t.description && <span class="help"> {t.description}</span>}
            </span>
          </label>
        ))}
        <FieldError id="r-ticket" message={errors.ticketType} />
      </fieldset>
      {pwyc?.payWhatYouCan && (
        <div class="field">
          <label for="r-amount">
            Your price for {pwyc.name}, in {pwyc.currency}
          </label>
          <input
            id="r-amount"
            name="amount"
            type="number"
            inputmode="decimal"
            min={pwyc.payWhatYouCan.minimumMinor / 10 ** currencyExponent(pwyc.currency)}
            step={step}
            value={text(values.amount)}
            placeholder={String(pwyc.payWhatYouCan.suggestedMinor / 10 ** currencyExponent(pwyc.currency))}
            aria-describedby={describedBy('r-amount', true, Boolean(errors.amount))}
            aria-invalid={errors.amount ? 'true' : undefined}
          />
          <p class="help" id="r-amount-help">
            Only for {pwyc.name}; the suggested price when left empty.
          </p>
          <FieldError id="r-amount" message={errors.amount} />
        </div>
      )}
      {!props.afterApproval && (
        <fieldset class="field group-order">
          <legend>Buying for others too? (optional)</legend>
          <p class="help" id="r-attendees-help">
            Each person gets their own ticket. With an email, they get their own link to it; without, you manage it. Up
            to {MAX_GROUP - 1} more people in one order.
          </p>
          {Array.from({ length: GROUP_ROWS }, (_, i) => (
            <div class="attendee-row">
              <div class="field">
                <label for={`r-attendee-${i + 1}-name`}>Person {i + 2}: name</label>
                <input
                  id={`r-attendee-${i + 1}-name`}
                  name={`attendees.${i + 1}.name`}
                  maxlength={100}
                  autocomplete="off"
                  value={text(attendees[i]?.name)}
                />
              </div>
              <div class="field">
                <label for={`r-attendee-${i + 1}-email`}>Person {i + 2}: email (optional)</label>
                <input
                  id={`r-attendee-${i + 1}-email`}
                  name={`attendees.${i + 1}.email`}
                  type="email"
                  maxlength={254}
                  autocomplete="off"
                  value={text(attendees[i]?.email)}
                />
              </div>
            </div>
          ))}
          <FieldError id="r-attendees" message={errors.attendees} />
        </fieldset>
      )}
      {solidarity && !props.afterApproval && (
        <div class="field">
          <label for="r-solidarity">
            Solidarity tickets to add, {formatMoney(solidarity.priceMinor, solidarity.currency)} each (optional)
          </label>
          <input
            id="r-solidarity"
            name="solidarity"
            type="number"
            inputmode="numeric"
            min={0}
            max={10}
            value={text(values.solidarity)}
            aria-describedby={describedBy('r-solidarity', true, Boolean(errors.solidarity))}
          />
          <p class="help" id="r-solidarity-help">
            {solidarity.description ?? 'A ticket the organisers give to someone who could not come otherwise.'}
          </p>
          <FieldError id="r-solidarity" message={errors.solidarity} />
        </div>
      )}
      {!props.afterApproval && (
        <div class="field">
          <label for="r-voucher">Voucher code (optional)</label>
          <input
            id="r-voucher"
            name="voucher"
            maxlength={64}
            autocomplete="off"
            value={text(values.voucher)}
            aria-describedby={errors.voucher ? 'r-voucher-error' : undefined}
            aria-invalid={errors.voucher ? 'true' : undefined}
          />
          <FieldError id="r-voucher" message={errors.voucher} />
        </div>
      )}
    </div>
  );
}
