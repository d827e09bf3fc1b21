// The "Meet people" part of a person's manage page: their profile, suggestions with reasons,
// introductions both ways, and their 1:1 meetings. Plain forms; works without JavaScript.
import { html } from 'hono/html';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { TagIndex } from '../../model/vocabulary.ts';
import type { Introduction, MeetingRow, ProfileRow } from '../db/matching.ts';
import type { Suggestion } from '../matching/suggestions.ts';

export type Person = { id: number; name: string; email: string };

export type MatchingView = {
  token: string;
  event: CatalogueEvent;
  profile: ProfileRow | undefined;
  tags: TagIndex;
  suggestions: Suggestion[];
  introductions: Introduction[];
  meetings: MeetingRow[];
  /** Names (and, once an introduction is accepted, emails) of the other people involved. */
  people: Map<number, Person>;
  me: number;
  errors: Record<string, string>;
};

const words = (tags: TagIndex, list: string[]) => list.map(tags.label).join(', ');

function profileForm(v: MatchingView) {
  const p = v.profile;
  const e = v.errors;
  const field = (name: string, label: string, value: string, help: string) =>
    html`<div class="field"><label for="p-${name}">${label}</label><p class="help" id="p-${name}-help">${help}</p><input id="p-${name}" name="${name}" value="${value}" aria-describedby="p-${name}-help${e[name] ? ` p-${name}-error` : ''}"${e[name] ? ' aria-invalid="true"' : ''} />${e[name] ? html`<p class="field-error" id="p-${name}-error">${e[name]}</p>` : ''}</div>`;
  return html`<form class="registration" method="post" action="/manage/${v.token}/profile">
    ${field('displayName', 'Name others see', p?.displayName ?? '', 'Leave empty to use your registration name.')}
    ${field('city', 'City', p?.city ?? '', 'Where you are based.')}
    ${field('offers', 'What you offer', words(v.tags, p?.offers ?? []), 'Comma-separated, such as: product design, pricing.')}
    ${field('seeks', 'What you are looking for', words(v.tags, p?.seeks ?? []), 'Comma-separated.')}
    ${field('interests', 'Interests', words(v.tags, p?.interests ?? []), 'Comma-separated topics you care about.')}
    ${field('languages', 'Languages', (p?.languages ?? []).join(', '), 'Comma-separated.')}
    <div class="field"><label for="p-bio">Short bio</label><textarea id="p-bio" name="bio" rows="3" maxlength="500">${p?.bio ?? ''}</textarea></div>
    <fieldset class="field"><legend>Who can see you</legend>
      <label class="choice"><input type="radio" name="visibility" value="event"${p?.visibility !== 'network' ? ' checked' : ''} /> People at ${v.event.title} only</label>
      <label class="choice"><input type="radio" name="visibility" value="network"${p?.visibility === 'network' ? ' checked' : ''} /> The whole network: people at other events and in your city</label>
    </fieldset>
    ${v.event.networkingSlots.length ? html`<div class="field"><label class="choice"><input type="checkbox" name="available" value="on"${p?.available ? ' checked' : ''} /> Schedule 1:1 meetings for me in the networking slots</label></div>` : ''}
    <p><button class="button primary" type="submit">${p ? 'Save my profile' : 'Opt in to meet people'}</button></p>
  </form>`;
}

function introductions(v: MatchingView) {
  const other = (i: Introduction) => v.people.get(i.fromRegistration === v.me ? i.toRegistration : i.fromRegistration);
  const incoming = v.introductions.filter((i) => i.toRegistration === v.me && i.status === 'pending');
  const outgoing = v.introductions.filter((i) => i.fromRegistration === v.me && i.status === 'pending');
  const accepted = v.introductions.filter((i) => i.status === 'accepted');
  const declined = v.introductions.filter((i) => i.status === 'declined');
  return html`<h3>Introductions</h3>
    ${
      incoming.length
        ? html`<h4>Asking to meet you</h4><ul>${incoming.map(
            (i) => html`<li><strong>${other(i)?.name}</strong>${i.note ? html`: “${i.note}”` : ''}
      <form method="post" action="/manage/${v.token}/introductions/${i.id}" class="inline"><input type="hidden" name="decision" value="accept" /><button class="button" type="submit">Accept</button></form>
      <form method="post" action="/manage/${v.token}/introductions/${i.id}" class="inline"><input type="hidden" name="decision" value="decline" /><button class="button danger" type="submit">Decline</button></form></li>`,
          )}</ul>`
        : ''
    }
    ${outgoing.length ? html`<h4>Waiting for an answer</h4><ul>${outgoing.map((i) => html`<li>${other(i)?.name}</li>`)}</ul>` : ''}
    ${accepted.length ? html`<h4>Introduced</h4><ul>${accepted.map((i) => html`<li><strong>${other(i)?.name}</strong>: <a href="mailto:${other(i)?.email}">${other(i)?.email}</a></li>`)}</ul>` : ''}
    ${declined.length ? html`<h4>Declined</h4><ul>${declined.map((i) => html`<li>${other(i)?.name}</li>`)}</ul>` : ''}
    ${incoming.length + outgoing.length + accepted.length + declined.length === 0 ? html`<p class="meta">No introductions yet.</p>` : ''}`;
}

function schedule(v: MatchingView) {
  if (!v.meetings.length) return '';
  const sorted = [...v.meetings].sort((a, b) => a.slotIndex - b.slotIndex);
  return html`<h3>Your 1:1 meetings</h3><ul>${sorted.map((m) => {
    const slot = v.event.networkingSlots[m.slotIndex]!;
    const partner = v.people.get(m.registrationA === v.me ? m.registrationB : m.registrationA);
    return html`<li>${slot.start.slice(0, 10)} ${slot.start.slice(11, 16)}–${slot.end.slice(11, 16)} (${v.event.timeZone}), table ${m.tableNumber}: <strong>${partner?.name}</strong></li>`;
  })}</ul>`;
}

export function matchingSection(v: MatchingView) {
  if (!v.profile) {
    return html`<section aria-labelledby="meet"><h2 id="meet">Meet people</h2>
      <p>Opt in to get suggestions of people to meet, with reasons, and ${v.event.networkingSlots.length ? '1:1 meetings during the networking slots' : 'introductions'}. Others see only your profile, never your email, until you both agree to be introduced.</p>
      ${profileForm(v)}</section>`;
  }
  return html`<section aria-labelledby="meet"><h2 id="meet">Meet people</h2>
    ${v.errors.introduction ? html`<div class="form-errors" role="alert"><p>${v.errors.introduction}</p></div>` : ''}
    ${schedule(v)}
    <h3>Suggested for you</h3>
    ${
      v.suggestions.length
        ? html`<ul class="schedule">${v.suggestions.map(
            (
              s,
            ) => html`<li class="slot"><div class="when">${s.score}</div><div><strong>${s.profile.name}</strong>${s.profile.eventId !== v.event.id ? html` <span class="meta">(another event)</span>` : ''}
          <p class="meta">${s.reasons.join('; ')}</p>
          <form method="post" action="/manage/${v.token}/introductions"><input type="hidden" name="to" value="${s.profile.id}" />
            <label for="note-${s.profile.id}">A note (optional)</label><input id="note-${s.profile.id}" name="note" maxlength="500" />
            <button class="button" type="submit">Ask to meet<span class="visually-hidden"> ${s.profile.name}</span></button></form></div></li>`,
          )}</ul>`
        : html`<p class="meta">No suggestions yet. They appear as more people opt in.</p>`
    }
    ${introductions(v)}
    <h3>Your profile</h3>
    ${profileForm(v)}
    <form method="post" action="/manage/${v.token}/profile/delete"><button class="button danger" type="submit">Opt out of meeting people</button></form>
  </section>`;
}
