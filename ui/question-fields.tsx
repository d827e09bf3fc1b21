// The event's questions as form fields, for the registration form and for editing answers.
// Every value and message is escaped by the renderer; ids come only from validated question ids.
import type { Question } from '../model/content.ts';

export type FieldErrors = Record<string, string>;

/** The id of the element that shows a field, for error links; undefined for fields no form has. */
export function fieldElementId(field: string, questions: readonly Question[]): string | undefined {
  if (field === 'name' || field === 'email' || field === 'consent') return `r-${field}`;
  if (field === 'amount' || field === 'voucher' || field === 'solidarity') return `r-${field}`;
  const id = field.startsWith('answers.') ? field.slice(8) : undefined;
  return id !== undefined && questions.some((q) => q.id === id) ? `q-${id}` : undefined;
}

export function describedBy(id: string, help: boolean, error: boolean): string | undefined {
  const ids = [help && `${id}-help`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldError(props: { id: string; message?: string }) {
  return props.message ? (
    <p class="field-error" id={`${props.id}-error`}>
      {props.message}
    </p>
  ) : null;
}

function Label(props: { q: Question }) {
  return (
    <>
      {props.q.label}
      {props.q.required && (
        <>
          {' '}
          <span class="required">(required)</span>
        </>
      )}
    </>
  );
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function QuestionField(props: { q: Question; value: unknown; error?: string }) {
  const { q, value, error } = props;
  const id = `q-${q.id}`;
  const name = `answers.${q.id}`;
  const aria = {
    'aria-describedby': describedBy(id, Boolean(q.help), Boolean(error)),
    'aria-invalid': error ? ('true' as const) : undefined,
  };
  const help = q.help ? (
    <p class="help" id={`${id}-help`}>
      {q.help}
    </p>
  ) : null;
  switch (q.type) {
    case 'textarea':
      return (
        <div class="field">
          <label for={id}>
            <Label q={q} />
          </label>
          {help}
          <textarea id={id} name={name} rows={4} maxlength={4000} required={q.required} {...aria}>
            {text(value)}
          </textarea>
          <FieldError id={id} message={error} />
        </div>
      );
    case 'select':
      return (
        <div class="field">
          <label for={id}>
            <Label q={q} />
          </label>
          {help}
          <select id={id} name={name} required={q.required} {...aria}>
            <option value="">Choose…</option>
            {(q.options ?? []).map((o) => (
              <option selected={o === value}>{o}</option>
            ))}
          </select>
          <FieldError id={id} message={error} />
        </div>
      );
    case 'multiselect': {
      const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
      return (
        <fieldset class="field" id={id} {...aria}>
          <legend>
            <Label q={q} />
          </legend>
          {help}
          {(q.options ?? []).map((o, i) => (
            <label class="choice">
              <input type="checkbox" name={name} value={o} id={`${id}-${i}`} checked={chosen.has(o)} /> {o}
            </label>
          ))}
          <FieldError id={id} message={error} />
        </fieldset>
      );
    }
    case 'checkbox':
      return (
        <div class="field">
          <label class="choice">
            <input
              type="checkbox"
              id={id}
              name={name}
              value="on"
              checked={value === true || value === 'on'}
              required={q.required}
              {...aria}
            />{' '}
            <Label q={q} />
          </label>
          {help}
          <FieldError id={id} message={error} />
        </div>
      );
    default: {
      const type = q.type === 'email' ? 'email' : q.type === 'url' ? 'url' : 'text';
      const max = q.type === 'url' ? 2000 : q.type === 'email' ? 254 : 500;
      return (
        <div class="field">
          <label for={id}>
            <Label q={q} />
          </label>
          {help}
          <input id={id} name={name} type={type} maxlength={max} value={text(value)} required={q.required} {...aria} />
          <FieldError id={id} message={error} />
        </div>
      );
    }
  }
}

export function QuestionFields(props: {
  questions: readonly Question[];
  answers?: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  return (
    <>
      {props.questions.map((q) => (
        <QuestionField q={q} value={props.answers?.[q.id]} error={props.errors?.[`answers.${q.id}`]} />
      ))}
    </>
  );
}

/** Every problem at once, each linking to its field; problems without a field are listed as they are. */
export function ErrorSummary(props: { errors: FieldErrors; questions: readonly Question[] }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="form-errors" role="alert" tabindex={-1} id="form-errors">
      <h3>{entries.length === 1 ? 'Please fix this field' : 'Please fix these fields'}</h3>
      <ul>
        {entries.map(([field, message]) => {
          const target = fieldElementId(field, props.questions);
          return <li>{target ? <a href={`#${target}`}>{message}</a> : message}</li>;
        })}
      </ul>
    </div>
  );
}
