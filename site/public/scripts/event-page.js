// Progressive enhancement of an event page: live availability, registering in place, and starring
// sessions for people who registered. Without it the form posts normally and the worker answers
// with a page; stars are on the manage page.
(() => {
  const eventId = document.querySelector('[data-event-id]')?.dataset.eventId;
  const storageKey = `gathering:manage:${eventId}`;
  const params = new URLSearchParams(location.search);
  if (eventId && /^m_[A-Za-z0-9_-]{43}$/.test(params.get('manage') || '')) {
    localStorage.setItem(storageKey, `/manage/${params.get('manage')}`);
    params.delete('manage');
    history.replaceState(null, '', location.pathname + (params.size ? `?${params}` : '') + location.hash);
  }
  setUpStars();

  const availability = document.querySelector('[data-availability]');
  if (availability) {
    fetch(availability.dataset.availability, { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((a) => {
        if (a) availability.textContent = a.message;
      })
      .catch(() => {});
  }

  function setUpStars() {
    const manage = eventId && localStorage.getItem(storageKey);
    const slots = document.querySelectorAll('[data-session]');
    if (!manage || slots.length === 0) return;
    fetch(`${manage}/stars`, { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((state) => {
        if (!state) return localStorage.removeItem(storageKey);
        let starred = new Set(state.starred);
        for (const slot of slots) {
          const id = slot.dataset.session;
          const button = document.createElement('button');
          button.type = 'button';
          button.className = 'button star';
          const title = slot.querySelector('h4')?.textContent || id;
          const paint = () => {
            const on = starred.has(id);
            button.setAttribute('aria-pressed', String(on));
            button.textContent = on ? '★ Starred' : '☆ Star';
            button.setAttribute('aria-label', `${on ? 'Starred' : 'Star'}: ${title}`);
          };
          paint();
          button.addEventListener('click', async () => {
            button.disabled = true;
            const res = await fetch(`${manage}/stars`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json' },
              body: JSON.stringify({ sessionId: id, starred: !starred.has(id) }),
            });
            if (res.ok) starred = new Set((await res.json()).starred);
            paint();
            button.disabled = false;
          });
          slot.querySelector('.when')?.append(button);
        }
      })
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
        if (field && field.type === 'checkbox' && form.querySelectorAll(`[name="${CSS.escape(name)}"]`).length === 1)
          body.answers[id] = true;
        else if (field && field.type === 'checkbox') {
          body.answers[id] = body.answers[id] || [];
          body.answers[id].push(value);
        } else if (value !== '') body.answers[id] = value;
      } else if (name.startsWith('profile.')) {
        body.profile = body.profile || {};
        body.profile[name.slice(8)] = value;
      } else if (name === 'consent') body.consent = true;
      else if (name === 'cf-turnstile-response') body.turnstileToken = value;
      else if (name === 'homepage') {
        if (value) body.homepage = value;
      } else body[name] = value;
    }
    if (body.profile) {
      const { optIn, ...fields } = body.profile;
      if (optIn === 'on') body.profile = fields;
      else delete body.profile;
    }
    return body;
  }

  function clearErrors() {
    for (const e of form.querySelectorAll('.field-error')) e.remove();
    for (const e of form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
  }

  function showError(field, message) {
    const id =
      field === 'name' || field === 'email' || field === 'consent'
        ? `r-${field}`
        : `q-${field.replace(/^answers\./, '')}`;
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
        wrap.textContent = `${body.message} `;
        if (body.registration?.manageUrl) {
          if (eventId) localStorage.setItem(storageKey, new URL(body.registration.manageUrl).pathname);
          const a = document.createElement('a');
          a.href = body.registration.manageUrl;
          a.textContent = 'Open your registration';
          wrap.append(a);
        }
        form.replaceWith(wrap);
        setUpStars();
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
