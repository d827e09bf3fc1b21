// Found in the review of issue #12 (each test now guards the fix): what the team rules miss.
// 1. Inviting an address revokes every older open invitation to it, whoever made it: a manager
//    scoped to one event thereby revokes an owner's invitation over every event, which the
//    revoke route itself refuses them (grantRefusal), and uses up the address's 3 invitations a day.
// 2. Removing an organiser leaves what they made with their power: the API tokens they created and
//    the invitations they sent, so a manager removed from the team keeps (or regains) access.
import { describe, expect, it } from 'vitest';
import { LocalSender } from '../../messages/senders.ts';
import { asOrganiser, consolePost, organiserBrowser, rows, signedInBrowser } from '../../testing/fixtures.ts';

type Organiser = Awaited<ReturnType<typeof organiserBrowser>>;

function invitationLink(address: string): string {
  const message = LocalSender.kept.find((m) => m.to.address === address && m.kind === 'invitation');
  const link = message?.text.match(/\/invitations\/i_[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`no invitation reached ${address}`);
  return link;
}

const invite = (from: Organiser, email: string, role: string, events = '') =>
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

describe('POST /console/team/invitations (re-inviting an address)', { timeout: 30_000 }, () => {
  it("does not let a manager scoped to one event revoke an owner's invitation over every event", async () => {
    const owner = await organiserBrowser('review-team-owner@example.org', 'owner');
    const scoped = await organiserBrowser('review-team-scoped@example.org', 'manager', ['admin']);
    expect((await invite(owner, 'review-team-cofounder@example.org', 'owner')).status).toBe(303);
    const ownersLink = invitationLink('review-team-cofounder@example.org');
    const [ownersInvitation] = await rows<{ id: number }>(
      'SELECT id FROM organiser_invitations WHERE email_key = ?',
      'review-team-cofounder@example.org',
    );
    // Revoking it directly is refused to the scoped manager…
    const direct = await consolePost(scoped, `/console/team/invitations/${ownersInvitation!.id}/revoke`);
    expect(direct.status).toBe(403);
    // …but inviting the same address as door staff of their one event revokes it all the same.
    await invite(scoped, 'review-team-cofounder@example.org', 'check-in', 'admin');
    const cofounder = await signedInBrowser('review-team-cofounder@example.org');
    const page = await cofounder.fetch(ownersLink);
    expect(page.status, "the owner's invitation was withdrawn by a scoped manager").toBe(200);
  });

  it('does not let a scoped manager lock an owner out of inviting an address for a day', async () => {
    const owner = await organiserBrowser('review-team-owner-2@example.org', 'owner');
    const scoped = await organiserBrowser('review-team-scoped-2@example.org', 'manager', ['admin']);
    for (let i = 0; i < 3; i++) await invite(scoped, 'review-team-wanted@example.org', 'check-in', 'admin');
    const res = await invite(owner, 'review-team-wanted@example.org', 'owner');
    expect(res.status, "the scoped manager used up the address's 3 invitations a day").toBe(303);
  });
});

describe('POST /console/team/members/{id}/remove (what a removed organiser keeps)', { timeout: 30_000 }, () => {
  it('a manager removed from the team keeps using the API token they created in the console', async () => {
    const owner = await organiserBrowser('review-remove-owner@example.org', 'owner');
    const manager = await organiserBrowser('review-remove-manager@example.org', 'manager');
    const created = await consolePost(manager, '/console/tokens', [
      ['name', 'Build script'],
      ['role', 'manager'],
    ]);
    expect(created.status).toBe(201);
    const token = (await created.text()).match(/gat_[A-Za-z0-9_-]{43}/)![0];
    const removed = await consolePost(
      owner,
      `/console/team/members/${await memberId('review-remove-manager@example.org')}/remove`,
    );
    expect(removed.status).toBe(303);
    // Removed: the console refuses them…
    expect((await manager.fetch('/console/', { headers: { accept: 'text/html' } })).status).toBe(403);
    // …yet their token still reads every registration and changes them.
    const res = await asOrganiser(token, '/api/admin/events/admin/registrations');
    expect(res.status, 'the removed manager still reads registrations with their token').toBe(401);
  });

  it('a manager removed from the team comes back through an invitation they sent to a second address', async () => {
    const owner = await organiserBrowser('review-return-owner@example.org', 'owner');
    const manager = await organiserBrowser('review-return-manager@example.org', 'manager');
    expect((await invite(manager, 'review-return-alias@example.org', 'manager')).status).toBe(303);
    const link = invitationLink('review-return-alias@example.org');
    await consolePost(owner, `/console/team/members/${await memberId('review-return-manager@example.org')}/remove`);
    // Later, from the second address (also theirs):
    const alias = await signedInBrowser('review-return-alias@example.org');
    const accepted = await alias.postForm(link, []);
    expect(accepted.status, 'an invitation outlives the removal of the person who sent it').not.toBe(303);
    expect((await alias.fetch('/console/', { headers: { accept: 'text/html' } })).status).toBe(403);
  });
});
