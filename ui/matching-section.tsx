// The "Meet people" part of a person's manage page: their profile, suggestions with reasons,
// introductions both ways, and their 1:1 meetings. Plain forms; works without JavaScript.
import { describedBy, FieldError } from './question-fields.tsx';

export type ProfileView = {
  displayName: string;
  city: string;
  offers: string;
  seeks: string;
  interests: string;
  languages: string;
  bio: string;
  visibility: 'event' | 'network';
  available: boolean;
};

export type MatchingView = {
  base: string;
  eventTitle: string;
  hasSlots: boolean;
  profile: ProfileView | undefined;
  suggestions: { registrationId: number; name: string; otherEvent: boolean; reasons: string[] }[];
  incoming: { id: number; name: string; note: string | null; reasons: string[] }[];
  outgoing: { name: string; reasons: string[] }[];
  accepted: { name: string; email: string }[];
  declined: { name: string }[];
  meetings: { when: string; table: number; partner: string; reasons: string[] }[];
  errors: Record<string, string>;
  /** What the person's last action here did. */
  notice?: string;
};

/** Why two people fit, in words: never a bare score. */
function Reasons(props: { reasons: string[] }) {
  return props.reasons.length ? <p class="meta reasons">Why: {props.reasons.join('; ')}.</p> : null;
}

function ProfileField(props: { name: keyof ProfileView; label: string; value: string; help: string; error?: string }) {
  const id = `p-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <p class="help" id={`${id}-help`}>
        {props.help}
      </p>
      <input
        id={id}
        name={props.name}
        value={props.value}
        aria-describedby={describedBy(id, true, Boolean(props.error))}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <FieldError id={id} message={props.error} />
    </div>
  );
}

function ProfileForm(props: { v: MatchingView }) {
  const { v } = props;
  const p = v.profile;
  const e = v.errors;
  return (
    <form class="registration" method="post" action={`${v.base}/profile`}>
      <ProfileField
        name="displayName"
        label="Name others see"
        value={p?.displayName ?? ''}
        help="Leave empty to use your registration name."
        error={e.displayName}
      />
      <ProfileField name="city" label="City" value={p?.city ?? ''} help="Where you are based." error={e.city} />
      <ProfileField
        name="offers"
        label="What you offer"
        value={p?.offers ?? ''}
        help="Comma-separated, such as: product design, pricing."
        error={e.offers}
      />
      <ProfileField
        name="seeks"
        label="What you are looking for"
        value={p?.seeks ?? ''}
        help="Comma-separated."
        error={e.seeks}
      />
      <ProfileField
        name="interests"
        label="Interests"
        value={p?.interests ?? ''}
        help="Comma-separated topics you care about."
        error={e.interests}
      />
      <ProfileField
        name="languages"
        label="Languages"
        value={p?.languages ?? ''}
        help="Comma-separated."
        error={e.languages}
      />
      <div class="field">
        <label for="p-bio">Short bio</label>
        <textarea
          id="p-bio"
          name="bio"
          rows={3}
          maxlength={500}
          aria-describedby={e.bio ? 'p-bio-error' : undefined}
          aria-invalid={e.bio ? 'true' : undefined}
        >
          {p?.bio ?? ''}
        </textarea>
        <FieldError id="p-bio" message={e.bio} />
      </div>
      <fieldset class="field">
        <legend>Who can see you</legend>
        <label class="choice">
          <input type="radio" name="visibility" value="event" checked={p?.visibility !== 'network'} /> People at{' '}
          {v.eventTitle} only
        </label>
        <label class="choice">
          <input type="radio" name="visibility" value="network" checked={p?.visibility === 'network'} /> The whole
          network: people at other events and in your city
        </label>
      </fieldset>
      {v.hasSlots && (
        <div class="field">
          <label class="choice">
            <input type="checkbox" name="available" value="on" checked={Boolean(p?.available)} /> Schedule 1:1 meetings
            for me in the networking slots
          </label>
        </div>
      )}
      <p>
        <button class="button primary" type="submit">
          {p ? 'Save my profile' : 'Opt in to meet people'}
        </button>
      </p>
    </form>
  );
}

function Introductions(props: { v: MatchingView }) {
  const { v } = props;
  const none = v.incoming.length + v.outgoing.length + v.accepted.length + v.declined.length === 0;
  return (
    <>
      <h3>Introductions</h3>
      {v.incoming.length > 0 && (
        <>
          <h4>Asking to meet you</h4>
          <ul>
            {v.incoming.map((i) => (
              <li>
                <strong>{i.name}</strong>
                {i.note && <>: “{i.note}”</>}
                <Reasons reasons={i.reasons} />
                <form method="post" action={`${v.base}/introductions/${i.id}`} class="inline">
                  <input type="hidden" name="decision" value="accept" />
                  <button class="button" type="submit">
                    Accept<span class="visually-hidden"> {i.name}</span>
                  </button>
                </form>
                <form method="post" action={`${v.base}/introductions/${i.id}`} class="inline">
                  <input type="hidden" name="decision" value="decline" />
                  <button class="button danger" type="submit">
                    Decline<span class="visually-hidden"> {i.name}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
      {v.outgoing.length > 0 && (
        <>
          <h4>Requested, waiting for an answer</h4>
          <ul>
            {v.outgoing.map((i) => (
              <li>
                <strong>{i.name}</strong>
                <Reasons reasons={i.reasons} />
              </li>
            ))}
          </ul>
        </>
      )}
      {v.accepted.length > 0 && (
        <>
          <h4>Introduced</h4>
          <ul>
            {v.accepted.map((i) => (
              <li>
                <strong>{i.name}</strong>: <a href={`mailto:${i.email}`}>{i.email}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {v.declined.length > 0 && (
        <>
          <h4>Declined</h4>
          <ul>
            {v.declined.map((i) => (
              <li>{i.name}</li>
            ))}
          </ul>
        </>
      )}
      {none && <p class="meta">No introductions yet.</p>}
    </>
  );
}

export function MatchingSection(props: { v: MatchingView }) {
  const { v } = props;
  if (!v.profile) {
    return (
      <section aria-labelledby="meet">
        <h2 id="meet">Meet people</h2>
        {v.notice && (
          <p class="notice" role="status">
            {v.notice}
          </p>
        )}
        <p>
          Opt in to get suggestions of people to meet, with reasons, and{' '}
          {v.hasSlots ? '1:1 meetings during the networking slots' : 'introductions'}. Others see only your profile,
          never your email, until you both agree to be introduced.
        </p>
        <ProfileForm v={v} />
      </section>
    );
  }
  return (
    <section aria-labelledby="meet">
      <h2 id="meet">Meet people</h2>
      {v.notice && (
        <p class="notice" role="status">
          {v.notice}
        </p>
      )}
      {v.errors.introduction && (
        <div class="form-errors" role="alert">
          <p>{v.errors.introduction}</p>
        </div>
      )}
      {v.meetings.length > 0 && (
        <>
          <h3>Your 1:1 meetings</h3>
          <ul>
            {v.meetings.map((m) => (
              <li>
                {m.when}, table {m.table}: <strong>{m.partner}</strong>
                <Reasons reasons={m.reasons} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Suggested for you</h3>
      {v.suggestions.length ? (
        <ul class="schedule">
          {v.suggestions.map((s) => (
            <li class="slot">
              <div>
                <strong>{s.name}</strong>
                {s.otherEvent && <span class="meta"> (another event)</span>}
                <Reasons reasons={s.reasons} />
                <form method="post" action={`${v.base}/introductions`} class="registration ask">
                  <input type="hidden" name="to" value={String(s.registrationId)} />
                  <label for={`note-${s.registrationId}`}>
                    A note for {s.name} <span class="required">(optional)</span>
                  </label>
                  <textarea id={`note-${s.registrationId}`} name="note" rows={2} maxlength={500} />
                  <button class="button" type="submit">
                    Ask to meet<span class="visually-hidden"> {s.name}</span>
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="meta">No suggestions yet. They appear as more people opt in.</p>
      )}
      <Introductions v={v} />
      <h3>Your profile</h3>
      <ProfileForm v={v} />
      <p>
        <a class="button danger" href={`${v.base}/profile/delete`}>
          Opt out of meeting people
        </a>
      </p>
    </section>
  );
}
