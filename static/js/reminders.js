// The reminders settings page: the "Turn on reminders" control (push.js does the work; this
// only shows its states), and "This device" in the list of devices. Without JavaScript the
// page says that turning reminders on needs it, and the forms work as they are.
import { PushClient, State, browserEnvironment } from "./push.js";

const panel = document.querySelector('[data-controller="push"]');
const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

const MESSAGES = {
  [State.UNSUPPORTED]: "This browser can’t show reminders. Chrome, Edge and Firefox can, and "
    + "Safari on a Mac, iPhone or iPad.",
  [State.NEEDS_INSTALL]: "On iPhone and iPad, reminders come to the app on your Home Screen: tap "
    + "Share, then Add to Home Screen, open Bring It On from there and come back to this page.",
  [State.DENIED]: "Notifications are blocked for Bring It On. To get reminders, allow them in "
    + "this browser’s site settings, then reload this page.",
  [State.OFF]: "Reminders are off on this device.",
  [State.WORKING]: "One moment…",
  [State.ON]: "Reminders are on for this device.",
  [State.ERROR]: "That didn’t work.",
};

function show(element, visible) {
  if (element) element.hidden = !visible;
}

// Mark the device in the list whose endpoint is this browser's subscription.
async function markThisDevice(env) {
  let endpoint = null;
  try {
    const registration = await env.registration();
    endpoint = (await registration.pushManager.getSubscription())?.endpoint ?? null;
  } catch {
    // No worker or no push here: no device in the list is this one.
  }
  for (const item of document.querySelectorAll("[data-device-endpoint]")) {
    const here = endpoint !== null && item.dataset.deviceEndpoint === endpoint;
    show(item.querySelector("[data-this-device]"), here);
    item.toggleAttribute("data-current", here);
  }
}

// Removing this device from the list also ends the subscription here, or the next app open
// would send it again (app.js) and bring it back.
function watchRemoveForms() {
  for (const form of document.querySelectorAll("[data-device-endpoint] form[data-remove]")) {
    form.addEventListener("submit", async (event) => {
      if (!form.closest("[data-current]")) return;
      event.preventDefault();
      try {
        const registration = await browserEnvironment().registration();
        await (await registration.pushManager.getSubscription())?.unsubscribe();
      } catch {
        // Nothing to end here: the server forgets the device all the same.
      }
      form.submit();
    });
  }
}

// Fetch this page again and swap in its list of devices.
async function refreshDevices() {
  const devices = document.getElementById("devices");
  try {
    const response = await fetch(window.location.pathname, { credentials: "same-origin" });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("devices");
    if (devices && fresh) devices.replaceWith(fresh);
    watchRemoveForms();
  } catch {
    // Offline for a moment: the list catches up on the next visit.
  }
}

function start() {
  if (!panel) return;
  const message = panel.querySelector("[data-push-message]");
  const on = panel.querySelector("[data-push-on]");
  const off = panel.querySelector("[data-push-off]");
  const env = browserEnvironment();
  panel.dataset.state = "checking";
  message.textContent = "Checking this browser…";

  const client = new PushClient({
    env,
    csrf,
    onChange(state, detail) {
      panel.dataset.state = state;
      message.textContent = state === State.ERROR
        ? `${MESSAGES[state]} ${detail.message ?? ""} Try again?`.trim()
        : detail.message ?? MESSAGES[state];
      // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
      for (const button of [on, off]) button.setAttribute("aria-disabled", state === State.WORKING);
      if (state !== State.WORKING) {
        // While working, the tapped button stays (disabled) where it was.
        const focused = document.activeElement === on || document.activeElement === off;
        show(on, state === State.OFF || state === State.ERROR);
        show(off, state === State.ON);
        // Keep keyboard focus on the switch when one button takes the other's place.
        if (focused && !on.hidden) on.focus();
        else if (focused && !off.hidden) off.focus();
      }
      if (state === State.ON || state === State.OFF) {
        // The list changed on the server: show it again (the rest of the page keeps its edits).
        (detail.fresh || detail.message ? refreshDevices() : Promise.resolve())
          .then(() => markThisDevice(env));
      }
    },
  });

  // Straight from the tap: turnOn() asks for permission before anything else (iOS insists).
  on.addEventListener("click", () => { if (client.state !== State.WORKING) client.turnOn(); });
  off.addEventListener("click", () => { if (client.state !== State.WORKING) client.turnOff(); });

  watchRemoveForms();
  client.start();
}

start();
