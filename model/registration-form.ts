// The registration form as HTML, rendered from the event's questions. The static event page and the
// worker's "please fix these fields" page both use it, so the two can never drift apart.
import type { Question } from './content.ts';
import { escapeHtml as e } from './html.ts';

export type FormValues = {
  name?: string;
  email?: string;
  consent?: boolean;
  answers?: Record<string, unknown>;
  profile?: { offers?: unknown; seeks?: unknown; interests?: unknown };
};

const listText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : '');
export type FormErrors = Record<string, string>;

type FormOptions = {
  eventId: string;
  questions: Question[];
  mode: 'open' | 'application';
  values?: FormValues;
  errors?: FormErrors;
  turnstileSiteKey?: string;
};

function describedBy(id: string, help: boolean, error: boolean) {
  const ids = [help && `${id}-help`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ` aria-describedby="${ids.join(' ')}"` : '';
}

function errorText(id: string, message?: string) {
  return message ? `<p class="field-error" id="${id}-error">${e(message)}</p>` : '';
}

function questionField(q: Question, value: unknown, error?: string): string {
  const id = `q-${q.id}`;
  const name = `answers.${q.id}`;
  const req = q.required ? ' required' : '';
  const invalid = error ? ' aria-invalid="true"' : '';
  const label = `${e(q.label)}${q.required ? ' <span class="required">(required)</span>' : ''}`;
  const help = q.help ? `<p class="help" id="${id}-help">${e(q.help)}</p>` : '';
  const aria = describedBy(id, Boolean(q.help), Boolean(error)) + invalid;
  switch (q.type) {
    case 'textarea':
      return `<div class="field"><label for="${id}">${label}</label>${help}<textarea id="${id}" name="${name}" rows="4" maxlength="4000"${req}${aria}>${e(value ?? '')}</textarea>${errorText(id, error)}</div>`;
    case 'select':
      return `<div class="field"><label for="${id}">${label}</label>${help}<select id="${id}" name="${name}"${req}${aria}><option value="">Choose…</option>${q
        .options!.map((o) => `<option${o === value ? ' selected' : ''}>${e(o)}</option>`)
        .join('')}</select>${errorText(id, error)}</div>`;
    case 'multiselect': {
      const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
      return `<fieldset class="field" id="${id}"${aria}><legend>${label}</legend>${help}${q
        .options!.map(
          (o, i) =>
            `<label class="choice"><input type="checkbox" name="${name}" value="${e(o)}" id="${id}-${i}"${chosen.has(o) ? ' checked' : ''}> ${e(o)}</label>`,
        )
        .join('')}${errorText(id, error)}</fieldset>`;
    }
    case 'checkbox':
      return `<div class="field"><label class="choice"><input type="checkbox" id="${id}" name="${name}" value="on"${value === true || value === 'on' ? ' checked' : ''}${req}${aria}> ${label}</label>${help}${errorText(id, error)}</div>`;
    default: {
      const type = q.type === 'email' ? 'email' : q.type === 'url' ? 'url' : 'text';
      const max = q.type === 'url' ? 2000 : q.type === 'email' ? 254 : 500;
      return `<div class="field"><label for="${id}">${label}</label>${help}<input id="${id}" name="${name}" type="${type}" maxlength="${max}" value="${e(value ?? '')}"${req}${aria}>${errorText(id, error)}</div>`;
    }
  }
}

/** Just the event's questions, for forms that edit answers. */
export function renderQuestionFields(
  questions: Question[],
  answers: Record<string, unknown> = {},
  errors: FormErrors = {},
): string {
  return questions.map((q) => questionField(q, answers[q.id], errors[`answers.${q.id}`])).join('\n');
}

export function renderRegistrationForm({
  eventId,
  questions,
  mode,
  values = {},
  errors = {},
  turnstileSiteKey,
}: FormOptions): string {
  const summary = Object.keys(errors).length
    ? `<div class="form-errors" role="alert" tabindex="-1" id="form-errors"><h3>Please fix ${Object.keys(errors).length === 1 ? 'this field' : 'these fields'}</h3><ul>${Object.entries(
        errors,
      )
        .map(
          ([field, message]) =>
            `<li><a href="#${field === 'name' || field === 'email' || field === 'consent' ? `r-${field}` : `q-${field.replace(/^answers\./, '')}`}">${e(message)}</a></li>`,
        )
        .join('')}</ul></div>`
    : '';
  const answers = values.answers ?? {};
  return `<form class="registration" method="post" action="/api/events/${e(eventId)}/registrations" data-registration-form novalidate>
${summary}
<div class="field"><label for="r-name">Your name <span class="required">(required)</span></label><input id="r-name" name="name" autocomplete="name" maxlength="100" required value="${e(values.name ?? '')}"${describedBy('r-name', false, Boolean(errors.name))}${errors.name ? ' aria-invalid="true"' : ''}>${errorText('r-name', errors.name)}</div>
<div class="field"><label for="r-email">Email <span class="required">(required)</span></label><input id="r-email" name="email" type="email" autocomplete="email" maxlength="254" required value="${e(values.email ?? '')}"${describedBy('r-email', false, Boolean(errors.email))}${errors.email ? ' aria-invalid="true"' : ''}>${errorText('r-email', errors.email)}</div>
${renderQuestionFields(questions, answers, errors)}
<fieldset class="field"><legend>Meet other attendees (optional)</legend>
<label class="choice"><input type="checkbox" id="r-optin" name="profile.optIn" value="on"${values.profile ? ' checked' : ''}> Suggest people for me to meet, and let people at this event find me. Only the name and the words below are shown; you can change this any time.</label>
<div class="field"><label for="r-offers">What you offer</label><input id="r-offers" name="profile.offers" maxlength="300" placeholder="product design, pricing" value="${e(listText(values.profile?.offers))}"></div>
<div class="field"><label for="r-seeks">What you are looking for</label><input id="r-seeks" name="profile.seeks" maxlength="300" value="${e(listText(values.profile?.seeks))}"></div>
<div class="field"><label for="r-interests">Interests</label><input id="r-interests" name="profile.interests" maxlength="300" value="${e(listText(values.profile?.interests))}"></div>
</fieldset>
<div class="field hp" aria-hidden="true"><label for="r-homepage">Leave this empty</label><input id="r-homepage" name="homepage" tabindex="-1" autocomplete="off"></div>
<div class="field"><label class="choice"><input type="checkbox" id="r-consent" name="consent" value="on" required${values.consent ? ' checked' : ''}${errors.consent ? ' aria-invalid="true" aria-describedby="r-consent-error"' : ''}> <span>I agree that the organisers keep my name, email and answers to run this event, as described in the <a href="/privacy/">privacy notice</a>. <span class="required">(required)</span></span></label>${errorText('r-consent', errors.consent)}</div>
${turnstileSiteKey ? `<div class="cf-turnstile" data-sitekey="${e(turnstileSiteKey)}"></div>` : ''}
<p><button class="button primary" type="submit">${mode === 'application' ? 'Send my application' : 'Register'}</button></p>
<p class="form-status" role="status" aria-live="polite"></p>
</form>`;
}
