// The door page's service worker: each door page registers it with its own path as the scope, so
// it serves that page (and the page's script and styles) from the device when the network is gone,
// across a reload. Network first, so an online page is always the server's; everything else passes.
// The worker serves this file at /console/door-sw.js, whose folder lets the scope reach door pages.

// The page's TypeScript knows the DOM, not service workers: the little used here, typed by hand.
type FetchEvent = Event & { request: Request; respondWith(answer: Promise<Response>): void };
type ExtendableEvent = Event & { waitUntil(work: Promise<unknown>): void };
const worker = self as unknown as {
  registration: { scope: string };
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
};

const CACHE = 'gathering-door-1';
/** The door page this registration serves (its scope), and what that page loads. */
const page = new URL(worker.registration.scope).pathname;
const assets = ['/scripts/console/door.js', '/styles/app.css', '/styles/console.css', '/favicon.svg'];
/** A network slower than this at the door: the copy on the device is shown instead. */
const PATIENCE_MS = 4_000;

/** A response worth keeping: the server's own page, not a redirect to sign in or an error. */
const keepable = (res: Response) => res.ok && !res.redirected && res.type === 'basic';

async function keep(path: string, res: Response) {
  if (keepable(res)) await (await caches.open(CACHE)).put(path, res);
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    Promise.all(
      [page, ...assets].map(async (path) => {
        const res = await fetch(path, { redirect: 'manual' });
        await keep(path, res);
      }),
    ).then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith('gathering-door-') && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => worker.clients.claim()),
  );
});

async function networkFirst(request: Request, path: string): Promise<Response> {
  const kept = await (await caches.open(CACHE)).match(path);
  const network = fetch(request).then(async (res) => {
    // The page with a search in its address is a search result: only the plain page is kept.
    if (new URL(request.url).search === '') await keep(path, res.clone());
    return res;
  });
  if (!kept) return network;
  const slow = new Promise<Response>((resolve) => setTimeout(() => resolve(kept), PATIENCE_MS));
  return Promise.race([network.catch(() => kept), slow]);
}

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== worker.location.origin) return;
  const path = url.pathname === page ? page : assets.includes(url.pathname) ? url.pathname : undefined;
  if (path) event.respondWith(networkFirst(event.request, path));
});
