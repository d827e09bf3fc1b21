// Found in the review of issue #12 (each test now guards the fix): the door keeps the event's check-in list (every registration's name, ticket
// code and status) in IndexedDB and the door page (naming the organiser) in a service worker's
// cache, which serves it offline or after 4 s of slow network. Signing out ends the session but
// tells the browser to drop neither, so on a shared door phone the next person (or anyone who picks
// the phone up) reads the whole list offline after the volunteer signed out. The same holds when a
// volunteer's role is removed: the page takes the 403 for "signed out" and keeps the list.
import { describe, expect, it } from 'vitest';
import { organiserBrowser } from '../testing/fixtures.ts';

describe('POST /signout', () => {
  it("tells the browser to drop the door's offline copy (cache and storage) of the organiser signing out", async () => {
    const volunteer = await organiserBrowser('review-door-volunteer@example.org', 'check-in', ['admin']);
    // The door page and its list, as the phone fetched and kept them.
    expect((await volunteer.fetch('/console/events/admin/door')).status).toBe(200);
    expect((await volunteer.fetch('/console/events/admin/door/list')).status).toBe(200);
    const res = await volunteer.postForm('/signout', []);
    expect(res.status).toBe(303);
    const cleared = res.headers.get('clear-site-data') ?? '';
    expect(cleared, 'the service worker keeps serving the door page after sign-out').toContain('"cache"');
    expect(cleared, "IndexedDB keeps every attendee's name and ticket code after sign-out").toContain('"storage"');
  });
});
