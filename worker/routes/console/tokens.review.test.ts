// Found in the review of issue #12 (each test now guards the fix): a token's name is free text and is what the audit log, a registration's
// history and the door's "checked in by" record as the actor, exactly as they record a person's
// email. A manager can name a token after the owner's address and act as "the owner" everywhere
// the console shows who did what.
import { describe, expect, it } from 'vitest';
import { asOrganiser, consolePost, organiserBrowser, postJson, rows } from '../../testing/fixtures.ts';

describe('POST /console/tokens (a token named like a person)', () => {
  it("keeps a token's actions apart from the person whose address it is named after", async () => {
    await organiserBrowser('review-ada-owner@example.org', 'owner');
    const manager = await organiserBrowser('review-mallory@example.org', 'manager');
    const created = await consolePost(manager, '/console/tokens', [
      ['name', 'review-ada-owner@example.org'],
      ['role', 'manager'],
    ]);
    expect(created.status).toBe(201);
    const token = (await created.text()).match(/gat_[A-Za-z0-9_-]{43}/)![0];
    const res = await postJson('/api/events/admin-camp/registrations', {
      name: 'Applicant',
      email: 'review-applicant@example.org',
      consent: true,
    });
    const { registration } = await res.json<{ registration: { id: number } }>();
    const declined = await asOrganiser(token, `/api/admin/events/admin-camp/registrations/${registration.id}/decline`, {
      method: 'POST',
      body: JSON.stringify({ message: 'No.' }),
    });
    expect(declined.status).toBe(200);
    const [entry] = await rows<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'registration.decline' AND registration_id = ?",
      registration.id,
    );
    // The history on the person's page and the audit log now say the owner declined them.
    expect(entry!.actor, "a token's entry reads exactly like the owner's own").not.toBe('review-ada-owner@example.org');
  });
});
