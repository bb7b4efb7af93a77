// Every page: the service worker and its update offer, installing, the offline banner, and
// replaying check-ins that are waiting to be sent.
import * as install from "./install.js";
import { clearSession } from "./outbox.js";
import * as sync from "./sync.js";
import * as worker from "./worker.js";

const root = document.documentElement;

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
      timeZone: document.body.dataset.timezone || undefined,
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
      const forget = Promise.all([caches.delete("bio-pages"), clearSession()]).catch(() => {});
      Promise.race([forget, new Promise((resolve) => setTimeout(resolve, 1000))]).then(done);
    }, { once: true });
  }
}

offlineBanner();
forgetOnSignOut();
install.start();
worker.register();
sync.start();
