// Progressive enhancement of an event page: live availability (places left, the waitlist, whether
// the form is open yet), every problem of the form in one round before sending, registering in
// place, "email me my links" in place, and starring sessions for people who registered in this
// browser. Without it the forms post normally and the worker answers with pages; stars are on the
// manage page. Nothing secret is kept in the browser: the worker's session cookie says which
// registration this browser holds.
import { callFor, takesForm } from '../../model/call-to-action.ts';
import type { Question } from '../../model/content.ts';
import { type FormFields, formToRequest, requestProblems } from '../../model/form-fields.ts';

const eventId = document.querySelector<HTMLElement>('[data-event-id]')?.dataset.eventId;

type Held = { registrationId: number | null; starred: string[] };
type Availability = { state: Parameters<typeof callFor>[0]['state']; message: string };

async function json<T>(url: string, init?: RequestInit): Promise<T | undefined> {
  try {
    const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

async function setUpStars() {
  const slots = document.querySelectorAll<HTMLElement>('[data-session]');
  if (!eventId || slots.length === 0 || document.querySelector('button.star')) return;
  const held = await json<Held>(`/manage/events/${eventId}`);
  if (!held?.registrationId) return;
  const base = `/manage/${held.registrationId}`;
  let starred = new Set(held.starred);
  for (const slot of slots) {
    const id = slot.dataset.session!;
    const title = slot.querySelector('h4')?.textContent ?? id;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button star';
    const paint = () => {
      const on = starred.has(id);
      button.setAttribute('aria-pressed', String(on));
      button.textContent = on ? '★ Starred' : '☆ Star';
      button.setAttribute('aria-label', `${on ? 'Starred' : 'Star'}: ${title}`);
    };
    paint();
    button.addEventListener('click', async () => {
      button.disabled = true;
      const body = JSON.stringify({ sessionId: id, starred: !starred.has(id) });
      const state = await json<Held>(`${base}/stars`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (state) starred = new Set(state.starred);
      paint();
      button.disabled = false;
    });
    slot.querySelector('.when')?.append(button);
  }
}

/**
 * The page as the live availability says: the call to action at the top, the panel's words, the
 * form shown only while it can be filled in, and its button ("Join the waitlist" when full).
 * `fresh` skips the browser's cache, after this browser changed the count.
 */
async function showAvailability(fresh = false) {
  const el = document.querySelector<HTMLElement>('[data-availability]');
  if (!el) return;
  const a = await json<Availability>(el.dataset.availability!, fresh ? { cache: 'no-store' } : undefined);
  if (!a) return;
  const cta = callFor(a);
  el.textContent = a.message;
  const state = document.querySelector<HTMLElement>('[data-cta-state]');
  if (state) state.textContent = a.message;
  const button = document.querySelector<HTMLElement>('[data-cta-button]');
  if (button) {
    button.hidden = !cta.button;
    if (cta.button) button.textContent = cta.button;
  }
  const open = takesForm(a.state);
  const panel = document.querySelector<HTMLElement>('[data-panel-state]');
  const wrapper = document.querySelector<HTMLElement>('[data-registration-mode]');
  if (panel) {
    panel.hidden = open;
    panel.textContent = open ? '' : a.message;
  }
  const form = document.querySelector<HTMLFormElement>('form[data-registration-form]');
  if (wrapper && form) wrapper.hidden = !open;
  const submit = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (submit) {
    submit.dataset.label ??= submit.textContent ?? '';
    submit.textContent = a.state === 'waitlist' ? 'Join the waitlist' : submit.dataset.label;
  }
}

function formFields(form: HTMLFormElement): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value !== 'string') continue;
    const prior = fields[name];
    // Multiselect questions come as repeated fields.
    fields[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return fields;
}

function clearErrors(form: HTMLFormElement) {
  for (const e of form.querySelectorAll('.field-error')) e.remove();
  for (const e of form.querySelectorAll('[aria-invalid]')) {
    e.removeAttribute('aria-invalid');
    const help = `${e.id}-help`;
    if (document.getElementById(help)) e.setAttribute('aria-describedby', help);
    else e.removeAttribute('aria-describedby');
  }
}

function showError(id: string, message: string): HTMLElement | null {
  const input = document.getElementById(id);
  if (!input) return null;
  const p = document.createElement('p');
  p.className = 'field-error';
  p.id = `${id}-error`;
  p.textContent = message;
  input.setAttribute('aria-invalid', 'true');
  const help = document.getElementById(`${id}-help`) ? `${id}-help ` : '';
  input.setAttribute('aria-describedby', `${help}${p.id}`);
  (input.closest('.field') ?? input.parentElement ?? input).append(p);
  return input;
}

/** Moves focus to a field; a group of checkboxes takes it on its first box. */
function focusField(el: HTMLElement) {
  const target = el.tagName === 'FIELDSET' ? el.querySelector<HTMLElement>('input') : el;
  target?.focus();
}

const fieldId = (field: string) =>
  ['name', 'email', 'consent'].includes(field) ? `r-${field}` : `q-${field.replace(/^answers\./, '')}`;

/** Shows every problem at once and focuses the first; returns how many could be shown. */
function showProblems(problems: { field: string; message: string }[]) {
  let first: HTMLElement | null = null;
  let shown = 0;
  for (const p of problems) {
    const el = showError(fieldId(p.field), p.message);
    if (el) shown++;
    first ??= el;
  }
  if (first) focusField(first);
  return shown;
}

function enhanceForm(form: HTMLFormElement) {
  const status = form.querySelector<HTMLElement>('.form-status')!;
  const questionIds = (form.dataset.questions ?? '').split(' ').filter(Boolean);
  const questions = JSON.parse(form.dataset.rules ?? '[]') as Question[];
  const key = crypto.randomUUID();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const request = formToRequest(formFields(form), questionIds).request;
    // Everything a browser can check, in one round, before anything is sent.
    const problems = requestProblems(request, questions);
    if (problems.length) {
      const n = showProblems(problems);
      status.textContent = n === 1 ? 'Please fix the field marked above.' : `Please fix the ${n} fields marked above.`;
      return;
    }
    status.textContent = 'Sending…';
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.disabled = true;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
        body: JSON.stringify(request),
      });
      const body = (await res.json()) as {
        message?: string;
        detail?: string;
        registration?: { id: number };
        errors?: { field: string; message: string }[];
        checkoutUrl?: string;
      };
      // Paid tickets: the places are held; the buyer pays on Stripe's page and comes back to theirs.
      if (res.status === 201 && body.checkoutUrl) {
        status.textContent = 'Taking you to the payment page…';
        window.location.assign(body.checkoutUrl);
        return;
      }
      if (res.status === 201 || res.status === 200) {
        const done = document.createElement('div');
        done.className = 'notice';
        done.setAttribute('role', 'status');
        done.textContent = `${body.message ?? ''} `;
        if (body.registration) {
          const a = document.createElement('a');
          a.href = `/manage/${body.registration.id}`;
          a.textContent = 'Open your registration';
          done.append(a);
        }
        form.replaceWith(done);
        await showAvailability(true);
        await setUpStars();
        return;
      }
      showProblems(body.errors ?? []);
      status.textContent = body.detail ?? 'Something went wrong; please try again.';
    } catch {
      status.textContent = 'Could not reach the server. Check your connection and try again.';
    } finally {
      button.disabled = false;
    }
  });
}

/** "Email me my links" in place: the same answer for every address, said under the field. */
function enhanceLinksForm(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('input[name="email"]')!;
  const status = form.querySelector<HTMLElement>('.form-status')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const e of form.querySelectorAll('.field-error')) e.remove();
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    status.textContent = 'Sending…';
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: input.value }),
      });
      const body = (await res.json()) as { message?: string; detail?: string; errors?: { message: string }[] };
      if (res.status === 202) {
        status.textContent = body.message ?? '';
        return;
      }
      const problem = body.errors?.[0]?.message;
      if (problem) {
        status.textContent = '';
        const p = document.createElement('p');
        p.className = 'field-error';
        p.id = `${input.id}-error`;
        p.textContent = problem;
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', p.id);
        status.before(p);
        input.focus();
      } else status.textContent = body.detail ?? 'Something went wrong; please try again.';
    } catch {
      status.textContent = 'Could not reach the server. Check your connection and try again.';
    }
  });
}

showAvailability();
setUpStars();
const form = document.querySelector<HTMLFormElement>('form[data-registration-form]');
if (form) enhanceForm(form);
for (const links of document.querySelectorAll<HTMLFormElement>('form[data-links-form]')) enhanceLinksForm(links);
