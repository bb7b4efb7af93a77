// The page's side of the outbox: who is signed in, when to replay, and news for the page.
// Replays run when a page loads, when it becomes visible again, on `online`, when the
// service worker reports one of its own (Background Sync or a "replay" message), and after a
// tap reached the server. `navigator.onLine` is never asked: sending is the only real test.
import * as outbox from "./outbox.js";

const body = document.body;
export const userId = body.dataset.userId ?? null;
export const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

let running = null;
let again = false;

// Tell the page (today.js listens) that the outbox changed: {sent, refused} of a replay.
function announce(detail) {
  document.dispatchEvent(new CustomEvent("outbox:changed", { detail }));
}

export async function replayNow() {
  if (!userId) return;
  if (running) { again = true; return running; }
  running = (async () => {
    do {
      again = false;
      try {
        const report = await outbox.replay({ userId, csrf: csrf() });
        announce({ sent: report.sent, refused: await outbox.takeRefusals(userId) });
      } catch {
        // IndexedDB unavailable (a private window in some browsers): nothing was queued.
      }
    } while (again);
  })().finally(() => { running = null; });
  return running;
}

/** Ask for a Background Sync where the browser has it; page-side triggers cover the rest. */
export async function requestBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    await registration?.sync?.register(outbox.SYNC_TAG);
  } catch {
    // Not supported, or not allowed: the next load, visibility change or `online` replays.
  }
}

/** Ask the service worker to replay (it uses the same IndexedDB store). */
export function askWorkerToReplay() {
  navigator.serviceWorker?.controller?.postMessage({ type: "replay" });
}

async function onWorkerMessage(event) {
  if (event.data?.type !== "outbox-replayed" || !userId) return;
  const report = event.data.report ?? {};
  const refused = await outbox.takeRefusals(userId).catch(() => []);
  announce({ sent: report.sent ?? [], refused });
}

export function start() {
  if (!userId) return;
  // The worker replays with the session of the last signed-in page; keep it current.
  outbox.setSession({ userId, csrf: csrf() }).catch(() => {});
  replayNow();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") replayNow();
  });
  window.addEventListener("online", () => replayNow());
  navigator.serviceWorker?.addEventListener("message", onWorkerMessage);
}
