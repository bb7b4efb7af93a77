// Installing the app: an "Install" button where the browser offers `beforeinstallprompt`
// (hidden everywhere else), and on iPhone and iPad, where there is no such prompt, a hint to
// use Share → Add to Home Screen (web push on iOS 16.4+ works only for installed apps).
const DISMISSED = "bring-it-on:ios-hint-dismissed";

export function isStandalone() {
  return navigator.standalone === true
    || window.matchMedia?.("(display-mode: standalone)").matches === true;
}

export function isIos() {
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

export function start() {
  installButton();
  iosHint();
}
