// Form fields for giving someone (or a token) a role over events: the roles the organiser may give,
// and the events: ticks among their own when their role is scoped, ids typed otherwise.
import { FieldError } from '../question-fields.tsx';

export const roleLabels: Record<string, string> = {
  owner: 'Owner: everything, including the team and tokens',
  manager: 'Manager: registrations, messages and the team',
  viewer: 'Viewer: reads registrations',
  'check-in': 'Check-in: the door',
};

/** The organiser's own events when their role is scoped (they may only give those); null: every event. */
export type ScopeChoices = { id: string; title: string }[] | null;

export const describeScope = (eventIds: readonly string[] | null) =>
  eventIds === null ? 'every event' : eventIds.join(', ');

export function RoleField(props: { id: string; roles: readonly string[]; value?: string; error?: string }) {
  return (
    <div class="field">
      <label for={props.id}>Role</label>
      <select
        id={props.id}
        name="role"
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        {props.roles.map((r) => (
          <option value={r} selected={props.value === r}>
            {roleLabels[r] ?? r}
          </option>
        ))}
      </select>
      <FieldError id={props.id} message={props.error} />
    </div>
  );
}

export function EventsField(props: {
  id: string;
  choices: ScopeChoices;
  /** Ids chosen (or typed) before. */
  value: readonly string[] | null;
  error?: string;
}) {
  const described = [`${props.id}-help`, props.error && `${props.id}-error`].filter(Boolean).join(' ');
  if (props.choices) {
    return (
      <fieldset class="field" aria-describedby={described}>
        <legend>Events</legend>
        <p class="help" id={`${props.id}-help`}>
          Your role covers these events, so you may give roles over them only.
        </p>
        {props.choices.map((e, i) => (
          <label class="choice" for={`${props.id}-${i}`}>
            <input
              type="checkbox"
              id={`${props.id}-${i}`}
              name="events"
              value={e.id}
              checked={props.value?.includes(e.id) ?? props.choices?.length === 1}
            />
            {e.title}
          </label>
        ))}
        <FieldError id={props.id} message={props.error} />
      </fieldset>
    );
  }
  return (
    <div class="field">
      <label for={props.id}>Events</label>
      <p class="help" id={`${props.id}-help`}>
        Event ids separated by commas, like indiecon-toronto-2027. Leave empty for every event.
      </p>
      <input
        id={props.id}
        name="events"
        autocomplete="off"
        maxlength={2500}
        value={props.value?.join(', ') ?? ''}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described}
      />
      <FieldError id={props.id} message={props.error} />
    </div>
  );
}
