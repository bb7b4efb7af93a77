// Registers the service worker and offers "Update available — Reload" when a new version
// has installed and is waiting. The new worker takes over only when the person says so.
const bar = document.querySelector('[data-controller="update"]');
let reloading = false;

function offer(registration) {
  if (!bar || !registration.waiting || !navigator.serviceWorker.controller) return;
  bar.hidden = false; // announced as a status; focus stays where the person left it
}

function watch(registration) {
  offer(registration);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") offer(registration);
    });
  });
}

export async function register() {
  if (!("serviceWorker" in navigator)) return null;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only after "Reload": the very first install also changes the controller (clients.claim).
    if (!reloading) return;
    window.location.reload();
  });
  bar?.querySelector("[data-update-reload]")?.addEventListener("click", async () => {
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
    watch(registration);
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
