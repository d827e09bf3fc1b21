// The console's team: inviting by email and accepting as the invited address (once, while open),
// the rank and scope rules for inviting, changing and removing, and an owner over every event
// that always stays.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../access/secrets.ts';
import { database } from '../../db/client.ts';
import { revokeInvitation, invite as storeInvitation } from '../../db/team.ts';
import { LocalSender } from '../../messages/senders.ts';
import { appAt, Browser, consolePost, organiserBrowser, rows, signedInBrowser } from '../../testing/fixtures.ts';

const html = { headers: { accept: 'text/html' } };

/** The accept link in the newest invitation an address received. */
function invitationLink(address: string): string {
  const message = LocalSender.kept.find((m) => m.to.address === address && m.kind === 'invitation');
  const link = message?.text.match(/\/invitations\/i_[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`no invitation reached ${address}`);
  return link;
}

const invite = (from: Awaited<ReturnType<typeof organiserBrowser>>, email: string, role: string, events = '') =>
  consolePost(from, '/console/team/invitations', [
    ['email', email],
    ['role', role],
    ['events', events],
  ]);

async function memberId(email: string): Promise<number> {
  const [row] = await rows<{ id: number }>(
    'SELECT o.id FROM organisers o JOIN people p ON p.id = o.person_id WHERE p.email = ?',
    email,
  );
  return row!.id;
}

const roleOf = async (email: string) =>
  (
    await rows<{ role: string; event_ids: string | null }>(
      'SELECT o.role, o.event_ids FROM organisers o JOIN people p ON p.id = o.person_id WHERE p.email = ?',
      email,
    )
  )[0];

describe('GET /console/team', () => {
  it.each([
    ['owner', null, 200],
    ['manager', null, 200],
    ['manager', ['admin'], 200],
    ['owner', ['admin'], 200],
    ['viewer', null, 403],
    ['check-in', null, 403],
    ['viewer', ['admin'], 403],
  ] as const)('answers a %s scoped to %j with %i', async (role, events, status) => {
    const browser = await organiserBrowser(
      `team-get-${role}-${events ? 'scoped' : 'all'}@example.org`,
      role,
      events && [...events],
    );
    const res = await browser.fetch('/console/team', html);
    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('sends someone not signed in to sign in, and tells a person without a role they are not an organiser', async () => {
    const anonymous = await new Browser().fetch('/console/team');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/signin?next=%2Fconsole%2Fteam');
    expect((await new Browser().postForm('/console/team/invitations', [['email', 'x@example.org']])).status).toBe(401);
    const stranger = await signedInBrowser('team-stranger@example.org');
    expect((await stranger.fetch('/console/team', html)).status).toBe(403);
    expect((await stranger.postForm('/console/team/invitations', [['email', 'x@example.org']])).status).toBe(403);
  });

  it('shows a scoped manager only the people who share their events', async () => {
    await organiserBrowser('team-camp-only@example.org', 'viewer', ['admin-camp']);
    await organiserBrowser('team-admin-viewer@example.org', 'viewer', ['admin']);
    const scoped = await organiserBrowser('team-scoped-lister@example.org', 'manager', ['admin']);
    const page = await (await scoped.fetch('/console/team', html)).text();
    expect(page).toContain('team-admin-viewer@example.org');
    expect(page).not.toContain('team-camp-only@example.org');
    // It may give roles over its own event only, and never owner.
    expect(page).toContain('name="events" value="admin"');
    expect(page).not.toContain('<option value="owner"');
  });
});

describe('inviting and accepting', { timeout: 20_000 }, () => {
  it('emails a link (only its hash stored, never in the outbox) that the invited person accepts once', async () => {
    const owner = await organiserBrowser('team-owner-1@example.org', 'owner');
    const res = await invite(owner, 'Ada.Invited@example.org', 'manager', 'admin, admin-camp');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/team?done=invited');
    const link = invitationLink('Ada.Invited@example.org');
    const token = link.split('/').pop()!;
    const [stored] = await rows<{ token_hash: string; role: string; event_ids: string; invited_by: string }>(
      'SELECT token_hash, role, event_ids, invited_by FROM organiser_invitations WHERE email = ?',
      'Ada.Invited@example.org',
    );
    expect(stored).toEqual({
      token_hash: await hashSecret(token),
      role: 'manager',
      event_ids: '["admin","admin-camp"]',
      invited_by: 'team-owner-1@example.org',
    });
    const outbox = await rows<{ subject: string; body: string; status: string }>(
      "SELECT subject, body, status FROM outbox WHERE kind = 'invitation' AND to_key = ?",
      'ada.invited@example.org',
    );
    expect(outbox).toEqual([{ subject: 'Invitation to organise', body: '', status: 'sent' }]);
    const mail = LocalSender.kept.find((m) => m.kind === 'invitation' && m.to.address === 'Ada.Invited@example.org')!;
    expect(mail.text).toContain('team-owner-1@example.org invites you to join the organisers as a manager');
    expect(mail.text).toContain('for Fixture admin, Fixture admin-camp');
    const team = await (await owner.fetch('/console/team', html)).text();
    expect(team).toContain('Invitations waiting');
    expect(team).toContain('Ada.Invited@example.org');

    // Opening the link changes nothing; someone not signed in is asked to sign in as the invited address.
    const visitor = await new Browser().fetch(link);
    expect(visitor.status).toBe(200);
    const page = await visitor.text();
    expect(page).toContain('Sign in as Ada.Invited@example.org');
    expect(page).toContain(`href="/signin?next=${encodeURIComponent(link)}"`);

    // Someone else signed in cannot accept it.
    const other = await signedInBrowser('team-not-ada@example.org');
    expect(await (await other.fetch(link)).text()).toContain('You are signed in as team-not-ada@example.org');
    const refused = await other.postForm(link, []);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('This invitation is for Ada.Invited@example.org');
    expect(await roleOf('team-not-ada@example.org')).toBeUndefined();

    // The invited address (compared as email keys: case does not matter) accepts once.
    const ada = await signedInBrowser('ada.invited@example.org');
    expect(await (await ada.fetch(link)).text()).toContain('Accept and open the console');
    const accepted = await ada.postForm(link, []);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/console/');
    expect((await ada.fetch('/console/', html)).status).toBe(200);
    expect(await roleOf('ada.invited@example.org')).toEqual({ role: 'manager', event_ids: '["admin","admin-camp"]' });
    expect((await ada.postForm(link, [])).status).toBe(409);
    const again = await new Browser().fetch(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('This invitation was accepted');

    const audit = await rows<{ actor: string; action: string; detail: string }>(
      "SELECT actor, action, detail FROM audit_log WHERE action IN ('organiser.invite', 'organiser.invitation.accept')",
    );
    expect(audit.map((a) => [a.actor, a.action])).toEqual(
      expect.arrayContaining([
        ['team-owner-1@example.org', 'organiser.invite'],
        ['ada.invited@example.org', 'organiser.invitation.accept'],
      ]),
    );
  });

  it('brings someone who signs in with the code straight back to the invitation', async () => {
    const owner = await organiserBrowser('team-owner-2@example.org', 'owner');
    await invite(owner, 'team-code@example.org', 'viewer');
    const link = invitationLink('team-code@example.org');
    const browser = new Browser();
    await browser.postForm('/signin', [
      ['email', 'team-code@example.org'],
      ['next', link],
    ]);
    const code = LocalSender.kept
      .find((m) => m.to.address === 'team-code@example.org' && m.kind === 'sign-in')!
      .text.match(/code on the sign-in page: (\d{6})/)![1]!;
    const signedIn = await browser.postForm('/signin/code', [
      ['email', 'team-code@example.org'],
      ['code', code],
      ['next', link],
    ]);
    expect(signedIn.headers.get('location')).toBe(link);
    expect((await browser.postForm(link, [])).status).toBe(303);
    expect(await roleOf('team-code@example.org')).toEqual({ role: 'viewer', event_ids: null });
  });

  it('stops working after seven days', async () => {
    const owner = await organiserBrowser('team-owner-3@example.org', 'owner');
    await invite(owner, 'team-late@example.org', 'viewer');
    const link = invitationLink('team-late@example.org');
    // The same signed-in browser, eight days on.
    const signed = await signedInBrowser('team-late@example.org');
    const late = new Browser(appAt(new Date(Date.now() + 8 * 86_400_000)));
    for (const [name, value] of signed.cookies) late.cookies.set(name, value);
    const page = await late.fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This invitation has expired');
    expect((await late.postForm(link, [])).status).toBe(409);
    expect(await roleOf('team-late@example.org')).toBeUndefined();
  });

  it('can be revoked, and a newer invitation to the same address replaces the older', async () => {
    const owner = await organiserBrowser('team-owner-4@example.org', 'owner');
    await invite(owner, 'team-revoked@example.org', 'viewer');
    const first = invitationLink('team-revoked@example.org');
    await invite(owner, 'team-revoked@example.org', 'manager');
    const second = invitationLink('team-revoked@example.org');
    expect(second).not.toBe(first);
    expect(await (await new Browser().fetch(first)).text()).toContain('This invitation was withdrawn');
    const [open] = await rows<{ id: number }>(
      'SELECT id FROM organiser_invitations WHERE email = ? AND revoked_at IS NULL',
      'team-revoked@example.org',
    );
    const revoked = await consolePost(owner, `/console/team/invitations/${open!.id}/revoke`);
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/console/team?done=revoked');
    const invitee = await signedInBrowser('team-revoked@example.org');
    expect((await invitee.fetch(second)).status).toBe(410);
    expect((await invitee.postForm(second, [])).status).toBe(409);
    expect(await roleOf('team-revoked@example.org')).toBeUndefined();
    expect((await consolePost(owner, `/console/team/invitations/${open!.id}/revoke`)).status).toBe(409);
    const [entry] = await rows<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'organiser.invitation.revoke' ORDER BY id DESC LIMIT 1",
    );
    expect(entry).toEqual({ actor: 'team-owner-4@example.org' });
  });

  it('withdraws the message of an invitation revoked before it was delivered', async () => {
    const db = database(env.DB);
    const now = new Date().toISOString();
    const entry = { actor: 'test', action: 'organiser.invite', at: now };
    const made = await storeInvitation(db, {
      email: 'team-undelivered@example.org',
      emailKey: 'team-undelivered@example.org',
      role: 'viewer',
      eventIds: null,
      invitedBy: 'test',
      now,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      perDay: 3,
      audit: entry,
    });
    expect(made).toBe(true);
    const [invitation] = await rows<{ id: number; token_hash: string }>(
      'SELECT id, token_hash FROM organiser_invitations WHERE email_key = ?',
      'team-undelivered@example.org',
    );
    // Until its message is delivered, the invitation holds a hash of nothing anyone has.
    expect(invitation!.token_hash).toMatch(/^unsent:/);
    expect(await revokeInvitation(db, invitation!.id, now, { ...entry, action: 'organiser.invitation.revoke' })).toBe(
      true,
    );
    expect(
      await rows(
        "SELECT status, last_error FROM outbox WHERE kind = 'invitation' AND to_key = ?",
        'team-undelivered@example.org',
      ),
    ).toEqual([{ status: 'failed', last_error: 'invitation revoked' }]);
  });

  it('refuses an address that is an organiser already, and a fourth invitation in a day', async () => {
    const owner = await organiserBrowser('team-owner-5@example.org', 'owner');
    const member = await invite(owner, 'team-owner-1@example.org', 'viewer');
    expect(member.status).toBe(409);
    expect(await member.text()).toContain('is an organiser already');
    for (let i = 0; i < 3; i++) expect((await invite(owner, 'team-often@example.org', 'viewer')).status).toBe(303);
    const fourth = await invite(owner, 'team-often@example.org', 'viewer');
    expect(fourth.status).toBe(409);
    expect(await fourth.text()).toContain('invited 3 times today');
  });

  it('shows the form again with each problem next to its field', async () => {
    const owner = await organiserBrowser('team-owner-6@example.org', 'owner');
    const res = await invite(owner, 'not an address', 'emperor', 'no-such-event, UPPER');
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('id="invite-email-error"');
    expect(page).toContain('Choose a role');
    expect(page).toContain('is not an event id');
    expect(page).toContain('value="not an address"');
    const missing = await invite(owner, 'team-nowhere@example.org', 'viewer', 'no-such-event');
    expect(await missing.text()).toContain('There is no event &quot;no-such-event&quot;');
  });
});

describe('rank and scope', { timeout: 20_000 }, () => {
  it('lets a manager invite up to manager only, and a scoped manager only within its events', async () => {
    const manager = await organiserBrowser('team-manager@example.org', 'manager');
    const owner = await invite(manager, 'team-would-own@example.org', 'owner');
    expect(owner.status).toBe(403);
    expect(await owner.text()).toContain('A manager cannot give or change the role owner');
    expect((await invite(manager, 'team-peer@example.org', 'manager')).status).toBe(303);

    const scoped = await organiserBrowser('team-scoped-manager@example.org', 'manager', ['admin']);
    const everything = await invite(scoped, 'team-too-wide@example.org', 'viewer');
    expect(everything.status).toBe(403);
    expect(await everything.text()).toContain('covers every event');
    expect((await invite(scoped, 'team-too-wide@example.org', 'viewer', 'admin-camp')).status).toBe(403);
    expect((await invite(scoped, 'team-door@example.org', 'check-in', 'admin')).status).toBe(303);
  });

  it('never lets anyone change or remove someone of higher rank or outside their events', async () => {
    await organiserBrowser('team-boss@example.org', 'owner');
    await organiserBrowser('team-helper@example.org', 'viewer');
    await organiserBrowser('team-elsewhere@example.org', 'viewer', ['admin-camp']);
    const manager = await organiserBrowser('team-manager-2@example.org', 'manager');
    const boss = await memberId('team-boss@example.org');
    const remove = await consolePost(manager, `/console/team/members/${boss}/remove`);
    expect(remove.status).toBe(403);
    expect(await remove.text()).toContain('team-boss@example.org is a owner');
    expect(await roleOf('team-boss@example.org')).toEqual({ role: 'owner', event_ids: null });

    const helper = await memberId('team-helper@example.org');
    const promote = await consolePost(manager, `/console/team/members/${helper}`, [['role', 'owner']]);
    expect(promote.status).toBe(403);
    const changed = await consolePost(manager, `/console/team/members/${helper}`, [
      ['role', 'check-in'],
      ['events', 'admin'],
    ]);
    expect(changed.status).toBe(303);
    expect(await roleOf('team-helper@example.org')).toEqual({ role: 'check-in', event_ids: '["admin"]' });

    const scoped = await organiserBrowser('team-scoped-3@example.org', 'manager', ['admin']);
    const elsewhere = await memberId('team-elsewhere@example.org');
    expect((await consolePost(scoped, `/console/team/members/${elsewhere}/remove`)).status).toBe(404);
    expect((await consolePost(scoped, `/console/team/members/${helper}/remove`)).status).toBe(303);
    expect(await roleOf('team-helper@example.org')).toBeUndefined();
    const audit = await rows<{ actor: string; action: string; detail: string }>(
      "SELECT actor, action, detail FROM audit_log WHERE action IN ('organiser.change', 'organiser.remove') ORDER BY id",
    );
    expect(audit.map((a) => [a.actor, a.action, JSON.parse(a.detail).email])).toEqual([
      ['team-manager-2@example.org', 'organiser.change', 'team-helper@example.org'],
      ['team-scoped-3@example.org', 'organiser.remove', 'team-helper@example.org'],
    ]);
  });

  it('refuses writes without the session token or from another site', async () => {
    const owner = await organiserBrowser('team-owner-csrf@example.org', 'owner');
    const fields = new URLSearchParams([
      ['email', 'team-csrf@example.org'],
      ['role', 'viewer'],
    ]);
    const missing = await owner.postForm('/console/team/invitations', [...fields]);
    expect(missing.status).toBe(403);
    const crossSite = await owner.fetch('/console/team/invitations', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams([['csrf', owner.csrf], ...fields]).toString(),
    });
    expect(crossSite.status).toBe(403);
    expect(await rows('SELECT id FROM organiser_invitations WHERE email = ?', 'team-csrf@example.org')).toEqual([]);
  });
});

describe('an owner over every event always stays', { timeout: 20_000 }, () => {
  it('refuses to remove or demote the last one, and lets one of two leave', async () => {
    const last = await organiserBrowser('team-last-owner@example.org', 'owner');
    // Every other owner over all events becomes a viewer: this one is the last.
    await rows(
      "UPDATE organisers SET role = 'viewer' WHERE role = 'owner' AND event_ids IS NULL AND id <> ?",
      await memberId('team-last-owner@example.org'),
    );
    const self = await memberId('team-last-owner@example.org');
    const leave = await consolePost(last, `/console/team/members/${self}/remove`);
    expect(leave.status).toBe(409);
    expect(await leave.text()).toContain('Someone must stay an owner over every event');
    expect((await consolePost(last, `/console/team/members/${self}`, [['role', 'manager']])).status).toBe(409);
    expect(
      (
        await consolePost(last, `/console/team/members/${self}`, [
          ['role', 'owner'],
          ['events', 'admin'],
        ])
      ).status,
    ).toBe(409);
    expect(await roleOf('team-last-owner@example.org')).toEqual({ role: 'owner', event_ids: null });

    const second = await organiserBrowser('team-second-owner@example.org', 'owner');
    const left = await consolePost(last, `/console/team/members/${self}/remove`);
    expect(left.status).toBe(303);
    expect(left.headers.get('location')).toBe('/my/');
    expect((await last.fetch('/console/', html)).status).toBe(403);
    // The one left cannot go now.
    const other = await memberId('team-second-owner@example.org');
    expect((await consolePost(second, `/console/team/members/${other}/remove`)).status).toBe(409);
  });

  it('keeps one when two owners remove each other at the same moment', async () => {
    const a = await organiserBrowser('team-race-a@example.org', 'owner');
    const b = await organiserBrowser('team-race-b@example.org', 'owner');
    await rows(
      "UPDATE organisers SET role = 'viewer' WHERE role = 'owner' AND event_ids IS NULL AND id NOT IN (?, ?)",
      await memberId('team-race-a@example.org'),
      await memberId('team-race-b@example.org'),
    );
    const [ra, rb] = await Promise.all([
      consolePost(a, `/console/team/members/${await memberId('team-race-b@example.org')}/remove`),
      consolePost(b, `/console/team/members/${await memberId('team-race-a@example.org')}/remove`),
    ]);
    // The other is refused: by the guard (409), or, when the first removal landed already, at the door (403).
    expect([ra.status, rb.status].filter((s) => s === 303)).toHaveLength(1);
    const owners = await rows("SELECT id FROM organisers WHERE role = 'owner' AND event_ids IS NULL");
    expect(owners).toHaveLength(1);
  });
});
