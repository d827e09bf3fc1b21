// The console's API tokens: the list (never the secrets), creating one (its secret shown once, on
// the page that answers the form) and revoking.
import { formatUtc } from '../../model/time-format.ts';
import { FieldError } from '../question-fields.tsx';
import { describeScope, EventsField, RoleField } from './grant-fields.tsx';
import { type ConsoleContext, ConsoleDocument, CsrfField } from './layout.tsx';

export type TokenRow = {
  id: number;
  name: string;
  role: string;
  eventIds: string[] | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revocable: boolean;
};

export type TokenForm = {
  values: { name?: string; role?: string; events?: string[] | null };
  errors: Record<string, string>;
  message?: string;
};

export function TokensPage(props: {
  ctx: ConsoleContext;
  notice?: string;
  tokens: TokenRow[];
  roles: readonly string[];
  form?: TokenForm;
}) {
  const form = props.form ?? { values: {}, errors: {} };
  return (
    <ConsoleDocument title="API tokens" ctx={props.ctx} current="/console/tokens" notice={props.notice}>
      <h1>API tokens</h1>
      <p class="lede">
        Scripts use the organiser API with a token: <code>Authorization: Bearer &lt;token&gt;</code>. People sign in
        instead.
      </p>

      <section aria-labelledby="create-heading">
        <h2 id="create-heading">Create a token</h2>
        {form.message && (
          <div class="form-errors" role="alert">
            <p>{form.message}</p>
          </div>
        )}
        <form class="registration" method="post" action="/console/tokens" novalidate>
          <CsrfField ctx={props.ctx} />
          <div class="field">
            <label for="token-name">Name</label>
            <p class="help" id="token-name-help">
              What it is for, such as "Door team" or "Newsletter sync".
            </p>
            <input
              id="token-name"
              name="name"
              required
              maxlength={80}
              autocomplete="off"
              value={form.values.name ?? ''}
              aria-invalid={form.errors.name ? 'true' : undefined}
              aria-describedby={form.errors.name ? 'token-name-help token-name-error' : 'token-name-help'}
            />
            <FieldError id="token-name" message={form.errors.name} />
          </div>
          <RoleField
            id="token-role"
            roles={props.roles}
            value={form.values.role ?? 'viewer'}
            error={form.errors.role}
          />
          <EventsField id="token-events" choices={null} value={form.values.events ?? null} error={form.errors.events} />
          <p>
            <button class="button primary" type="submit">
              Create the token
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Tokens</h2>
        {props.tokens.length === 0 ? (
          <p>No token yet.</p>
        ) : (
          <section class="table-scroll" aria-label="Tokens" tabindex={0}>
            <table class="data">
              <caption>Every token, newest last; secrets are never shown again</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Events</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {props.tokens.map((t) => (
                  <tr>
                    <th scope="row">{t.name}</th>
                    <td>{t.role}</td>
                    <td>{describeScope(t.eventIds)}</td>
                    <td>{formatUtc(t.createdAt)}</td>
                    <td>{t.lastUsedAt ? formatUtc(t.lastUsedAt) : 'never'}</td>
                    <td>
                      {t.revokedAt ? (
                        `revoked ${formatUtc(t.revokedAt)}`
                      ) : t.revocable ? (
                        <form method="post" action={`/console/tokens/${t.id}/revoke`}>
                          <CsrfField ctx={props.ctx} />
                          <button class="button danger" type="submit">
                            Revoke “{t.name}”
                          </button>
                        </form>
                      ) : (
                        'active'
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

/** The answer to creating a token: the one time its secret is shown. */
export function TokenCreatedPage(props: { ctx: ConsoleContext; name: string; role: string; token: string }) {
  return (
    <ConsoleDocument title="Token created" ctx={props.ctx} current="/console/tokens">
      <h1>Token created</h1>
      <p class="notice" role="status">
        Copy it now: it is not shown again, and we keep only a fingerprint of it.
      </p>
      <div class="field">
        <label for="new-token">
          The {props.role} token “{props.name}”
        </label>
        <input id="new-token" class="token-secret" readonly value={props.token} autocomplete="off" spellcheck={false} />
      </div>
      <p>
        <a href="/console/tokens">Back to the tokens</a>
      </p>
    </ConsoleDocument>
  );
}
