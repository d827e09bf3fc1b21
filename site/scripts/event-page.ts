// Progressive enhancement of an event page: live availability, registering in place, and starring
// sessions for people who registered in this browser. Without it the form posts normally and the
// worker answers with a page; stars are on the manage page. Nothing secret is kept in the browser:
// the worker's session cookie says which registration this browser holds.
import { type FormFields, formToRequest } from '../../model/form-fields.ts';

const eventId = document.querySelector<HTMLElement>('[data-event-id]')?.dataset.eventId;

type Held = { registrationId: number | null; starred: string[] };

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

function showAvailability() {
  const el = document.querySelector<HTMLElement>('[data-availability]');
  if (!el) return;
  json<{ message: string }>(el.dataset.availability!).then((a) => {
    if (a) el.textContent = a.message;
  });
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
  for (const e of form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
}

function showError(field: string, message: string): HTMLElement | null {
  const id = ['name', 'email', 'consent'].includes(field) ? `r-${field}` : `q-${field.replace(/^answers\./, '')}`;
  const input = document.getElementById(id);
  if (!input) return null;
  const p = document.createElement('p');
  p.className = 'field-error';
  p.id = `${id}-error`;
  p.textContent = message;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', p.id);
  (input.closest('.field') ?? input).append(p);
  return input;
}

function enhanceForm(form: HTMLFormElement) {
  const status = form.querySelector<HTMLElement>('.form-status')!;
  const questionIds = (form.dataset.questions ?? '').split(' ').filter(Boolean);
  const key = crypto.randomUUID();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    status.textContent = 'Sending…';
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.disabled = true;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
        body: JSON.stringify(formToRequest(formFields(form), questionIds).request),
      });
      const body = (await res.json()) as {
        message?: string;
        detail?: string;
        registration?: { id: number };
        errors?: { field: string; message: string }[];
      };
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
        showAvailability();
        await setUpStars();
        return;
      }
      let first: HTMLElement | null = null;
      for (const e of body.errors ?? []) {
        const shown = showError(e.field, e.message);
        first ??= shown;
      }
      status.textContent = body.detail ?? 'Something went wrong; please try again.';
      first?.focus();
    } catch {
      status.textContent = 'Could not reach the server. Check your connection and try again.';
    } finally {
      button.disabled = false;
    }
  });
}

showAvailability();
setUpStars();
const form = document.querySelector<HTMLFormElement>('form[data-registration-form]');
if (form) enhanceForm(form);
