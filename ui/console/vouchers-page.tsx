// The console's vouchers of an event: the list (a code's last characters only: codes are secrets,
// stored as hashes), creating one (the code shown once, on the page that answers the form) and
// disabling.
import { FieldError } from '../question-fields.tsx';
import { type ConsoleContext, ConsoleDocument, CsrfField, eventPath } from './layout.tsx';

export type VoucherRow = {
  id: number;
  hint: string;
  /** "20% off", "CA$10.00 off", "unlocks Speaker". */
  what: string;
  uses: number;
  maxUses: number;
  validUntil: string;
  createdBy: string;
  /** "disabled on …", "expired", or null while it can be used. */
  ended: string | null;
};

export type VoucherForm = {
  values: Partial<Record<'code' | 'kind' | 'percent' | 'amount' | 'ticketType' | 'maxUses' | 'validUntil', string>>;
  errors: Record<string, string>;
  message?: string;
};

export type VouchersPageProps = {
  ctx: ConsoleContext;
  event: { id: string; title: string; currency: string };
  ticketTypes: { id: string; name: string; hidden: boolean }[];
  vouchers: VoucherRow[];
  form?: VoucherForm;
  notice?: string;
};

const field = (form: VoucherForm, name: string, help: boolean) => ({
  'aria-invalid': form.errors[name] ? ('true' as const) : undefined,
  'aria-describedby':
    [help ? `voucher-${name}-help` : '', form.errors[name] ? `voucher-${name}-error` : ''].filter(Boolean).join(' ') ||
    undefined,
});

export function VouchersPage(props: VouchersPageProps) {
  const form = props.form ?? { values: {}, errors: {} };
  const v = form.values;
  const base = `${eventPath(props.event.id)}/vouchers`;
  const kind = v.kind ?? 'percent';
  return (
    <ConsoleDocument title={`Vouchers · ${props.event.title}`} ctx={props.ctx} notice={props.notice}>
      <p>
        <a href={`${eventPath(props.event.id)}/`}>← {props.event.title}</a>
      </p>
      <h1>Vouchers</h1>
      <p class="lede">
        A voucher code takes a share or an amount off a ticket, or unlocks a hidden ticket type. Codes are kept only as
        a fingerprint: a new code is shown once, when it is made.
      </p>

      <section aria-labelledby="create-heading">
        <h2 id="create-heading">Make a voucher</h2>
        {form.message && (
          <div class="form-errors" role="alert">
            <p>{form.message}</p>
          </div>
        )}
        <form class="registration" method="post" action={base} novalidate>
          <CsrfField ctx={props.ctx} />
          <div class="field">
            <label for="voucher-code">Code (optional)</label>
            <p class="help" id="voucher-code-help">
              8 to 32 letters, digits or dashes, like SPEAKERS-2027. Leave it empty for a random one.
            </p>
            <input
              id="voucher-code"
              name="code"
              maxlength={32}
              autocomplete="off"
              spellcheck={false}
              value={v.code ?? ''}
              {...field(form, 'code', true)}
            />
            <FieldError id="voucher-code" message={form.errors.code} />
          </div>
          <fieldset class="field">
            <legend>What it gives</legend>
            <label class="choice">
              <input type="radio" name="kind" value="percent" checked={kind === 'percent'} /> a share off (percent)
            </label>
            <label class="choice">
              <input type="radio" name="kind" value="amount" checked={kind === 'amount'} /> an amount off (
              {props.event.currency})
            </label>
            <label class="choice">
              <input type="radio" name="kind" value="unlock" checked={kind === 'unlock'} /> a hidden ticket type,
              unlocked
            </label>
            <FieldError id="voucher-kind" message={form.errors.kind} />
          </fieldset>
          <div class="field">
            <label for="voucher-percent">Percent off (for a share)</label>
            <input
              id="voucher-percent"
              name="percent"
              inputmode="numeric"
              autocomplete="off"
              value={v.percent ?? ''}
              {...field(form, 'percent', false)}
            />
            <FieldError id="voucher-percent" message={form.errors.percent} />
          </div>
          <div class="field">
            <label for="voucher-amount">Amount off in {props.event.currency} (for an amount)</label>
            <input
              id="voucher-amount"
              name="amount"
              inputmode="decimal"
              autocomplete="off"
              value={v.amount ?? ''}
              {...field(form, 'amount', false)}
            />
            <FieldError id="voucher-amount" message={form.errors.amount} />
          </div>
          <div class="field">
            <label for="voucher-ticketType">Ticket type</label>
            <p class="help" id="voucher-ticketType-help">
              The type it unlocks, or the only type a discount applies to.
            </p>
            <select id="voucher-ticketType" name="ticketType" {...field(form, 'ticketType', true)}>
              <option value="">any ticket type</option>
              {props.ticketTypes.map((t) => (
                <option value={t.id} selected={v.ticketType === t.id}>
                  {t.name}
                  {t.hidden ? ' (hidden)' : ''}
                </option>
              ))}
            </select>
            <FieldError id="voucher-ticketType" message={form.errors.ticketType} />
          </div>
          <div class="field">
            <label for="voucher-maxUses">Uses</label>
            <p class="help" id="voucher-maxUses-help">
              How many tickets it may be used for, 1 to 10,000.
            </p>
            <input
              id="voucher-maxUses"
              name="maxUses"
              inputmode="numeric"
              autocomplete="off"
              value={v.maxUses ?? '1'}
              {...field(form, 'maxUses', true)}
            />
            <FieldError id="voucher-maxUses" message={form.errors.maxUses} />
          </div>
          <div class="field">
            <label for="voucher-validUntil">Valid until</label>
            <p class="help" id="voucher-validUntil-help">
              The last moment it works, in the event's time zone.
            </p>
            <input
              id="voucher-validUntil"
              name="validUntil"
              type="datetime-local"
              value={v.validUntil ?? ''}
              {...field(form, 'validUntil', true)}
            />
            <FieldError id="voucher-validUntil" message={form.errors.validUntil} />
          </div>
          <p>
            <button class="button primary" type="submit">
              Make the voucher
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="vouchers-heading">
        <h2 id="vouchers-heading">Vouchers</h2>
        {props.vouchers.length === 0 ? (
          <p>No voucher yet.</p>
        ) : (
          <section class="table-scroll" aria-label="Vouchers" tabindex={0}>
            <table class="data">
              <caption>Every voucher, newest first; codes end with the characters shown</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Gives</th>
                  <th scope="col">Used</th>
                  <th scope="col">Valid until</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {props.vouchers.map((x) => (
                  <tr>
                    <th scope="row">…{x.hint}</th>
                    <td>{x.what}</td>
                    <td>
                      {x.uses} of {x.maxUses}
                    </td>
                    <td>{x.validUntil}</td>
                    <td>
                      {x.ended ?? (
                        <form method="post" action={`${base}/${x.id}/disable`}>
                          <CsrfField ctx={props.ctx} />
                          <button class="button danger" type="submit">
                            Disable …{x.hint}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </ConsoleDocument>
  );
}

/** The answer to making a voucher: the one time its code is shown. */
export function VoucherCreatedPage(props: {
  ctx: ConsoleContext;
  event: { id: string; title: string };
  code: string;
  what: string;
}) {
  return (
    <ConsoleDocument title={`Voucher made · ${props.event.title}`} ctx={props.ctx}>
      <h1>Voucher made</h1>
      <p class="notice" role="status">
        Copy the code now: it is not shown again, and we keep only a fingerprint of it.
      </p>
      <div class="field">
        <label for="new-voucher">The code ({props.what})</label>
        <input
          id="new-voucher"
          class="token-secret"
          readonly
          value={props.code}
          autocomplete="off"
          spellcheck={false}
        />
      </div>
      <p>
        <a href={`${eventPath(props.event.id)}/vouchers`}>Back to the vouchers</a>
      </p>
    </ConsoleDocument>
  );
}
