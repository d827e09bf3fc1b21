// API tokens in the console: for roles over every event, the secret shown once and stored only as
// its hash, revoking that the API honours at once, and the same service as /api/admin/tokens.
import { describe, expect, it, vi } from 'vitest';
import { hashSecret } from '../../access/secrets.ts';
import { asOrganiser, Browser, consolePost, organiserBrowser, rows, signedInBrowser } from '../../testing/fixtures.ts';

const html = { headers: { accept: 'text/html' } };

const create = (browser: Awaited<ReturnType<typeof organiserBrowser>>, fields: [string, string][]) =>
  consolePost(browser, '/console/tokens', fields);

describe('GET /console/tokens', () => {
  it.each([
    ['owner', null, 200],
    ['manager', null, 200],
    ['manager', ['admin'], 403],
    ['owner', ['admin'], 403],
    ['viewer', null, 403],
    ['check-in', null, 403],
  ] as const)('answers a %s scoped to %j with %i', async (role, events, status) => {
    const browser = await organiserBrowser(
      `tokens-${role}-${events ? 'scoped' : 'all'}@example.org`,
      role,
      events && [...events],
    );
    const res = await browser.fetch('/console/tokens', html);
    expect(res.status).toBe(status);
    if (status === 403) {
      expect(await res.text()).toMatch(/needs a role scoped to all events|cannot manage tokens/);
      expect(
        (
          await create(browser, [
            ['name', 'x'],
            ['role', 'viewer'],
          ])
        ).status,
      ).toBe(403);
    }
  });

  it('sends someone not signed in to sign in, and refuses a person without a role', async () => {
    expect((await new Browser().fetch('/console/tokens')).status).toBe(303);
    const stranger = await signedInBrowser('tokens-stranger@example.org');
    expect((await stranger.fetch('/console/tokens', html)).status).toBe(403);
  });
});

describe('creating and revoking a token', () => {
  it('shows the secret once, stores only its hash, and the API takes it until it is revoked', async () => {
    const owner = await organiserBrowser('tokens-owner@example.org', 'owner');
    const logged: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => logged.push(args)),
    );
    const res = await create(owner, [
      ['name', 'Door team'],
      ['role', 'check-in'],
      ['events', 'admin'],
    ]);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const page = await res.text();
    const token = page.match(/gat_[A-Za-z0-9_-]{43}/)![0];
    expect(page).toContain('it is not shown again');
    for (const spy of spies) spy.mockRestore();
    expect(JSON.stringify(logged)).not.toContain(token);

    const [row] = await rows<{ id: number; token_hash: string; role: string; event_ids: string }>(
      "SELECT id, token_hash, role, event_ids FROM api_tokens WHERE name = 'Door team'",
    );
    expect(row).toMatchObject({ token_hash: await hashSecret(token), role: 'check-in', event_ids: '["admin"]' });
    const everywhere =
      JSON.stringify(await rows('SELECT * FROM api_tokens')) + JSON.stringify(await rows('SELECT * FROM audit_log'));
    expect(everywhere).not.toContain(token);
    const list = await (await owner.fetch('/console/tokens', html)).text();
    expect(list).toContain('Door team');
    expect(list).not.toContain(token);

    // Its role and scope hold on the API.
    expect((await asOrganiser(token, '/api/admin/events/admin/counts')).status).toBe(200);
    expect((await asOrganiser(token, '/api/admin/events/open-event/counts')).status).toBe(403);
    expect((await asOrganiser(token, '/api/admin/events/admin/registrations')).status).toBe(403);
    expect(await (await owner.fetch('/console/tokens', html)).text()).not.toContain('>never<');

    const revoked = await consolePost(owner, `/console/tokens/${row!.id}/revoke`);
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/console/tokens?done=revoked');
    expect((await asOrganiser(token, '/api/admin/events/admin/counts')).status).toBe(401);
    expect(await (await owner.fetch('/console/tokens?done=revoked', html)).text()).toContain('revoked');
    expect((await consolePost(owner, `/console/tokens/${row!.id}/revoke`)).status).toBe(404);

    const audit = await rows<{ actor: string; action: string; detail: string }>(
      "SELECT actor, action, detail FROM audit_log WHERE action LIKE 'token.%' ORDER BY id",
    );
    expect(audit.map((a) => [a.actor, a.action, JSON.parse(a.detail).tokenId])).toEqual([
      ['tokens-owner@example.org', 'token.create', row!.id],
      ['tokens-owner@example.org', 'token.revoke', row!.id],
    ]);
  });

  it('refuses a name, role or events it cannot give, with the form again', async () => {
    const manager = await organiserBrowser('tokens-manager@example.org', 'manager');
    const res = await create(manager, [
      ['name', ''],
      ['role', 'owner'],
      ['events', 'no-such-event'],
    ]);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('id="token-name-error"');
    expect(page).toContain('A token&#39;s role is one of: manager, viewer, check-in.');
    expect(page).toContain('There is no event &quot;no-such-event&quot;');
    expect(page).not.toContain('<option value="owner"');
    expect(await rows("SELECT id FROM audit_log WHERE actor = 'tokens-manager@example.org'")).toEqual([]);
  });

  it('revokes through the same service from the API, which refuses what is already revoked', async () => {
    const owner = await organiserBrowser('tokens-owner-2@example.org', 'owner');
    const page = await (
      await create(owner, [
        ['name', 'Script'],
        ['role', 'manager'],
      ])
    ).text();
    const token = page.match(/gat_[A-Za-z0-9_-]{43}/)![0];
    const [row] = await rows<{ id: number }>("SELECT id FROM api_tokens WHERE name = 'Script'");
    expect((await asOrganiser(token, `/api/admin/tokens/${row!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await consolePost(owner, `/console/tokens/${row!.id}/revoke`)).status).toBe(404);
  });
});
