// Bring It On's service worker, served at /sw.js (root scope) and registered as a module
// worker, so it shares the outbox module with the Today page.
//
// Caches:
//   bio-shell-<version>  the app shell (the stylesheet, the JS modules, the 192 px icon, the
//                        manifest, /offline: pwa.py lists them), cache-first; a new version is
//                        a new cache, and activate deletes the old ones. Pages carry the brand
//                        icon inline, so no other icon is needed offline.
//   bio-pages            the last Today page from the network, for opening the app offline;
//                        emptied on /login, /signup, /logout and when the session has ended,
//                        so it never shows one person's page to the next. Not versioned: an
//                        update keeps it (the page's script copes with older markup), and the
//                        next visit online replaces it.
// API requests are never touched: they go to the network, like without a worker.
// Push reminders: static/js/reminders-worker.js does the work, the listeners are at the end.
import { SYNC_TAG, clearSession, getSession, replay } from "/static/js/outbox.js";
import {
  onNotificationClick, onSubscriptionChange, showPush,
} from "/static/js/reminders-worker.js";

// tracker/web/pwa.py fills this line in when it serves /sw.js: the asset version (a hash of
// static/, templates/ and the manifest, or ASSET_VERSION) and the shell's URLs.
const BUILD = { version: "dev", shell: [] };

const PREFIX = "bio-";
const SHELL = `${PREFIX}shell-${BUILD.version}`;
const PAGES = `${PREFIX}pages`;
const TODAY = "/";
const OFFLINE = "/offline";
const SIGNING = new Set(["/login", "/signup", "/logout"]);
const NETWORK_MARK = 'data-page-source="network"';

self.addEventListener("install", (event) => {
  // Fetch past the HTTP cache: the shell must be this version's files, not older copies.
  event.waitUntil(caches.open(SHELL).then((cache) =>
    cache.addAll(BUILD.shell.map((url) => new Request(url, { cache: "reload" })))));
  // No skipWaiting() here: a new version waits until the page's "Reload" asks for it.
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keep = new Set([SHELL, PAGES]);
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function isToday(url) {
  return url.pathname === TODAY && !url.searchParams.has("date");
}

async function forgetPages() {
  await caches.delete(PAGES);
}

async function remember(response) {
  const headers = new Headers(response.headers);
  // The body kept is the decoded page, and the offline copy is longer by the mark it gets.
  for (const name of ["Content-Encoding", "Content-Length", "Transfer-Encoding", "Connection"]) {
    headers.delete(name);
  }
  headers.set("X-Saved-At", new Date().toISOString());
  const copy = new Response(await response.blob(), { status: 200, headers });
  await (await caches.open(PAGES)).put(TODAY, copy);
}

// The saved Today page, marked so that its script shows the offline banner and the time.
async function savedToday() {
  const saved = await (await caches.open(PAGES)).match(TODAY);
  if (!saved) return null;
  const when = saved.headers.get("X-Saved-At") ?? "";
  const html = (await saved.text()).replace(NETWORK_MARK,
    `data-page-source="offline" data-saved-at="${when.replace(/[^0-9TZ:.+-]/g, "")}"`);
  return new Response(html, { status: 200, headers: saved.headers });
}

async function navigate(event) {
  const { request } = event;
  const url = new URL(request.url);
  if (SIGNING.has(url.pathname)) {
    await forgetPages();
    if (url.pathname === "/logout") event.waitUntil(clearSession().catch(() => {}));
  }
  try {
    const response = await fetch(request);
    if (isToday(url) && request.method === "GET") {
      const html = (response.headers.get("Content-Type") ?? "").startsWith("text/html");
      if (response.status === 200 && html) event.waitUntil(remember(response.clone()));
      else if (response.type === "opaqueredirect") event.waitUntil(forgetPages()); // signed out
    }
    return response;
  } catch (error) {
    if (request.method === "GET" && isToday(url)) {
      const page = await savedToday();
      if (page) return page;
    }
    const fallback = await caches.match(OFFLINE, { cacheName: SHELL });
    if (fallback) return fallback;
    throw error;
  }
}

async function cacheFirst(request) {
  // Within one version the cache holds that version's files; "?v=" only busts HTTP caches.
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  } else if (request.method === "GET" && isShellAsset(url)) {
    event.respondWith(cacheFirst(request));
  }
  // Everything else (the API above all) goes to the network without the worker.
});

function isShellAsset(url) {
  return url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest";
}

// Send the outbox of the last signed-in page's user, then tell the open pages what happened.
async function replayOutbox() {
  const session = await getSession();
  if (!session) return { sent: [], refused: [], left: 0, stopped: null };
  const report = await replay(session);
  const pages = await self.clients.matchAll({ type: "window" });
  for (const page of pages) page.postMessage({ type: "outbox-replayed", report });
  return report;
}

self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(replayOutbox().then((report) => {
    // Rejecting asks the browser to fire the sync again later, with back-off.
    if (report.stopped === "retry") throw new Error("the network is not back yet");
  }));
});

self.addEventListener("message", (event) => {
  const type = event.data?.type;
  if (type === "skip-waiting") self.skipWaiting();
  else if (type === "replay") event.waitUntil(replayOutbox());
  else if (type === "claim") event.waitUntil(self.clients.claim()); // a page it missed
});

// --- push reminders (static/js/reminders-worker.js) ------------------------------------------

self.addEventListener("push", (event) => {
  event.waitUntil(showPush(self.registration, event.data));
});

self.addEventListener("notificationclick", (event) => {
  event.waitUntil(onNotificationClick(self.registration, event.notification, event.action));
});

self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(onSubscriptionChange(self.registration, event.oldSubscription,
    event.newSubscription).catch(() => null));
});
