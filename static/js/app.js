// Every page: the offline banner, installing (button and iOS hint), the service worker and its
// update offer, and replaying check-ins that are waiting to be sent. One module, so a page
// costs one request for all of it; the outbox (static/js/outbox.js) stays a module of its own,
// because the service worker imports it too, and is loaded only on signed-in pages.

const root = document.documentElement;
const body = document.body;
const userId = body.dataset.userId ?? null;
const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";
// The same URL today.js and the worker import, so a page holds one copy of the module.
const loadOutbox = () => import("./outbox.js");

// --- the offline banner ----------------------------------------------------------------------

// The service worker marks a Today page it serves from its cache (sw.js, savedToday).
function offlineBanner() {
  const banner = document.querySelector('[data-controller="offline-banner"]');
  if (!banner || root.dataset.pageSource !== "offline") return;
  const time = banner.querySelector("[data-saved-at]");
  const saved = new Date(root.dataset.savedAt ?? "");
  if (time && !Number.isNaN(saved.getTime())) {
    time.dateTime = saved.toISOString();
    time.textContent = new Intl.DateTimeFormat(undefined, {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
      timeZone: body.dataset.timezone || undefined,
    }).format(saved);
  } else if (time) {
    time.closest("[data-saved-line]")?.setAttribute("hidden", "");
  }
  banner.hidden = false;
}

// Signing out empties the saved Today page first, so the next person never sees it (the
// worker does the same when it sees /logout; this covers a page the worker does not control).
function forgetOnSignOut() {
  for (const form of document.querySelectorAll('form[action="/logout"]')) {
    form.addEventListener("submit", (event) => {
      if (!("caches" in window)) return;
      event.preventDefault();
      const done = () => form.submit();
      // "bio-pages" is the worker's PAGES cache (static/sw.js).
      const forget = Promise.all([
        caches.delete("bio-pages"),
        loadOutbox().then((outbox) => outbox.clearSession()),
        forgetPushDevice().catch(() => {}),
      ]).catch(() => {});
      Promise.race([forget, new Promise((resolve) => setTimeout(resolve, 1000))]).then(done);
    }, { once: true });
  }
}

// --- installing ------------------------------------------------------------------------------
// An "Install" button where the browser offers `beforeinstallprompt` (hidden everywhere else),
// and on iPhone and iPad, where there is no such prompt, a hint to use Share → Add to Home
// Screen (web push on iOS 16.4+ works only for installed apps).

const DISMISSED = "bring-it-on:ios-hint-dismissed";

function isStandalone() {
  return navigator.standalone === true
    || window.matchMedia?.("(display-mode: standalone)").matches === true;
}

function isIos() {
  const ua = navigator.userAgent;
  // iPadOS presents itself as a Mac; only the touch points give it away.
  return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
}

function installButton() {
  const button = document.querySelector('[data-controller="install"]');
  if (!button) return;
  let deferred = null;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault(); // show our own button instead of the browser's mini-infobar
    deferred = event;
    button.hidden = false;
  });
  button.addEventListener("click", async () => {
    if (!deferred) return;
    const prompt = deferred;
    deferred = null;
    button.hidden = true; // a prompt can be shown only once
    await prompt.prompt();
    await prompt.userChoice?.catch(() => null);
  });
  window.addEventListener("appinstalled", () => { deferred = null; button.hidden = true; });
}

function iosHint() {
  const hint = document.querySelector('[data-controller="ios-hint"]');
  if (!hint || !isIos() || isStandalone()) return;
  try {
    if (localStorage.getItem(DISMISSED)) return;
  } catch {
    // Storage blocked: show the hint; dismissing then lasts for this page only.
  }
  hint.hidden = false;
  hint.querySelector("[data-dismiss]")?.addEventListener("click", () => {
    hint.hidden = true;
    try { localStorage.setItem(DISMISSED, new Date().toISOString()); } catch { /* see above */ }
  });
}

// --- the service worker ----------------------------------------------------------------------
// Registers it and offers "Update available — Reload" when a new version has installed and is
// waiting. The new worker takes over only when the person says so.

const updateBar = document.querySelector('[data-controller="update"]');
let reloading = false;

function offerUpdate(registration) {
  if (!updateBar || !registration.waiting || !navigator.serviceWorker.controller) return;
  updateBar.hidden = false; // announced as a status; focus stays where the person left it
}

function watchForUpdates(registration) {
  offerUpdate(registration);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") offerUpdate(registration);
    });
  });
}

async function registerWorker() {
  if (!("serviceWorker" in navigator)) return null;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only after "Reload": the very first install also changes the controller (clients.claim).
    if (!reloading) return;
    window.location.reload();
  });
  updateBar?.querySelector("[data-update-reload]")?.addEventListener("click", async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration?.waiting) { window.location.reload(); return; }
    reloading = true;
    registration.waiting.postMessage({ type: "skip-waiting" });
  });
  try {
    // A module worker, so it can import the outbox module the page uses.
    const registration = await navigator.serviceWorker.register("/sw.js", {
      type: "module", scope: "/", updateViaCache: "none",
    });
    watchForUpdates(registration);
    // clients.claim() on the first activation skips a page that was still loading then (the
    // one signing up lands on, often): such a page asks the active worker to claim it.
    navigator.serviceWorker.ready.then((ready) => {
      if (!navigator.serviceWorker.controller) ready.active?.postMessage({ type: "claim" });
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {});
    });
    return registration;
  } catch {
    // No module workers here (or no worker at all): the app still works online, and the page
    // itself still queues and replays check-ins.
    return null;
  }
}

// --- replaying the outbox --------------------------------------------------------------------
// Who is signed in, when to replay, and news for the page. Replays run when a page loads, when
// it becomes visible again, on `online`, when the service worker reports one of its own
// (Background Sync or a "replay" message), and when the Today page asks after a tap reached
// the server (the `outbox:replay` event). `navigator.onLine` is never asked: sending is the
// only real test.

let running = null;
let again = false;

// Tell the page (today.js listens) that the outbox changed: {sent, refused} of a replay.
function announce(detail) {
  document.dispatchEvent(new CustomEvent("outbox:changed", { detail }));
}

async function replayNow() {
  if (!userId) return;
  if (running) { again = true; return running; }
  running = (async () => {
    do {
      again = false;
      try {
        const outbox = await loadOutbox();
        const report = await outbox.replay({ userId, csrf: csrf() });
        announce({ sent: report.sent, refused: await outbox.takeRefusals(userId) });
      } catch {
        // IndexedDB unavailable (a private window in some browsers): nothing was queued.
      }
    } while (again);
  })().finally(() => { running = null; });
  return running;
}

async function onWorkerMessage(event) {
  if (event.data?.type !== "outbox-replayed" || !userId) return;
  const report = event.data.report ?? {};
  const refused = await loadOutbox().then((outbox) => outbox.takeRefusals(userId))
    .catch(() => []);
  announce({ sent: report.sent ?? [], refused });
}

function startReplays() {
  if (!userId) return;
  // The worker replays with the session of the last signed-in page; keep it current.
  loadOutbox().then((outbox) => outbox.setSession({ userId, csrf: csrf() })).catch(() => {});
  replayNow();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") replayNow();
  });
  window.addEventListener("online", () => replayNow());
  document.addEventListener("outbox:replay", () => replayNow());
  navigator.serviceWorker?.addEventListener("message", onWorkerMessage);
}

// --- push reminders -------------------------------------------------------------------------
// Signing out also stops this person's reminders on this device: the server forgets the
// subscription, the browser keeps it, so whoever signs in here next gets theirs (below).

async function forgetPushDevice() {
  if (window.Notification?.permission !== "granted" || !("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager?.getSubscription();
  if (!subscription) return;
  const push = await import("./push.js");
  await push.callApi("DELETE", push.SUBSCRIPTIONS_URL, { endpoint: subscription.endpoint }, csrf());
}

// On every app open, send this device's push subscription again (the server keeps one per
// endpoint, so this is harmless): it restores one the server lost, and hands over one the
// browser renewed. Only where notifications are allowed, so nobody else loads push.js; the
// reminders settings page does it itself (reminders.js).

async function resendPushSubscription(registration) {
  if (!userId || !registration || !("PushManager" in window)) return;
  if (window.Notification?.permission !== "granted") return;
  if (document.querySelector('[data-controller="push"]')) return;
  try {
    const push = await import("./push.js");
    await push.resendSubscription(registration, csrf());
  } catch {
    // Offline, or push is unavailable here: the next open tries again.
  }
}

offlineBanner();
forgetOnSignOut();
installButton();
iosHint();
registerWorker().then(resendPushSubscription);
startReplays();
