// Progressive enhancement of the registration form: live availability, and submitting in place.
// Without this script the form posts normally and the worker answers with a page.
(() => {
  const availability = document.querySelector('[data-availability]');
  if (availability) {
    fetch(availability.dataset.availability, { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((a) => { if (a) availability.textContent = a.message; })
      .catch(() => {});
  }

  const form = document.querySelector('form[data-registration-form]');
  if (!form) return;
  const status = form.querySelector('.form-status');
  const key = crypto.randomUUID();

  function toJson(data) {
    const body = { answers: {} };
    for (const [name, value] of data.entries()) {
      if (name.startsWith('answers.')) {
        const id = name.slice(8);
        const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
        if (field && field.type === 'checkbox' && form.querySelectorAll(`[name="${CSS.escape(name)}"]`).length === 1) body.answers[id] = true;
        else if (field && field.type === 'checkbox') (body.answers[id] ||= []).push(value);
        else if (value !== '') body.answers[id] = value;
      } else if (name === 'consent') body.consent = true;
      else if (name === 'cf-turnstile-response') body.turnstileToken = value;
      else if (name === 'homepage') { if (value) body.homepage = value; }
      else body[name] = value;
    }
    return body;
  }

  function clearErrors() {
    form.querySelectorAll('.field-error').forEach((e) => e.remove());
    form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  }

  function showError(field, message) {
    const id = field === 'name' || field === 'email' || field === 'consent' ? `r-${field}` : `q-${field.replace(/^answers\./, '')}`;
    const input = document.getElementById(id);
    const p = document.createElement('p');
    p.className = 'field-error';
    p.id = `${id}-error`;
    p.textContent = message;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', p.id);
      (input.closest('.field') || input).append(p);
    }
    return input;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    status.textContent = 'Sending…';
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
        body: JSON.stringify(toJson(new FormData(form))),
      });
      const body = await res.json();
      if (res.status === 201 || res.status === 200) {
        const wrap = document.createElement('div');
        wrap.className = 'notice';
        wrap.setAttribute('role', 'status');
        wrap.textContent = body.message + ' ';
        if (body.registration && body.registration.manageUrl) {
          const a = document.createElement('a');
          a.href = body.registration.manageUrl;
          a.textContent = 'Open your registration';
          wrap.append(a);
        }
        form.replaceWith(wrap);
        return;
      }
      let first = null;
      for (const e of body.errors || []) first = showError(e.field, e.message) || first;
      status.textContent = body.detail || 'Something went wrong; please try again.';
      if (first) first.focus();
    } catch {
      status.textContent = 'Could not reach the server. Check your connection and try again.';
    } finally {
      button.disabled = false;
    }
  });
})();
