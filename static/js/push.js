// Push reminders in the browser, without the DOM: which state this device is in, turning
// reminders on and off, re-sending the subscription, and what a push message shows. A small
// state machine in the manner of gauntface/simple-push-demo's push-client.js, with the browser
// passed in (`browserEnvironment`), so the settings page (reminders.js), app.js and the service
// worker (reminders-worker.js) share one copy of the rules.

import { send } from "./outbox.js";

export const State = Object.freeze({
  UNSUPPORTED: "unsupported", // no service worker, Push API or notifications in this browser
  NEEDS_INSTALL: "needs-install", // iPhone or iPad in a tab: push works only from the Home Screen
  DENIED: "denied", // notifications are blocked for this site
  OFF: "off", // can be turned on
  WORKING: "working", // asking, subscribing, telling the server
  ON: "on", // subscribed on this device, and the server has it
  ERROR: "error", // something failed; the button offers another try
});

export const KEY_URL = "/api/v1/push/key";
export const SUBSCRIPTIONS_URL = "/api/v1/push/subscriptions";
export const ICON = "/static/icons/icon-192.png";
// Android draws the badge from its alpha alone: the mark, white on transparent.
export const BADGE = "/static/icons/badge-96.png";
const READY_TIMEOUT_MS = 10000;

function isIos(nav) {
  // iPadOS presents itself as a Mac; only the touch points give it away.
  return /iPhone|iPad|iPod/.test(nav.userAgent)
    || (/Macintosh/.test(nav.userAgent) && nav.maxTouchPoints > 1);
}

/** Ask for permission; old Safari takes a callback instead of returning a promise. */
function askPermission(notification) {
  return new Promise((resolve) => {
    const answer = notification.requestPermission(resolve);
    if (answer?.then) answer.then(resolve, () => resolve(notification.permission));
  });
}

/** What the state machine needs from a window (or a test's stand-in). */
export function browserEnvironment(scope = globalThis) {
  const nav = scope.navigator;
  const standalone = nav.standalone === true
    || scope.matchMedia?.("(display-mode: standalone)").matches === true;
  return {
    supported: "serviceWorker" in nav && "PushManager" in scope && "Notification" in scope
      && "showNotification" in (scope.ServiceWorkerRegistration?.prototype ?? {}),
    // Safari on iOS and iPadOS 16.4+ offers push only to a web app opened from the Home Screen.
    needsInstall: isIos(nav) && !standalone,
    permission: () => scope.Notification.permission,
    requestPermission: () => askPermission(scope.Notification),
    registration: () => Promise.race([
      nav.serviceWorker.ready,
      new Promise((resolve, reject) => scope.setTimeout(
        () => reject(new Error("The app’s background worker is not running here.")),
        READY_TIMEOUT_MS)),
    ]),
  };
}

/** The URL-safe base64 of the server's key as the bytes `applicationServerKey` wants. */
export function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The body POST /api/v1/push/subscriptions takes: exactly {endpoint, keys: {p256dh, auth}}. */
export function subscriptionBody(subscription) {
  const { endpoint, keys = {} } = subscription.toJSON();
  return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}

/**
 * Call the app's API with the session cookie: {status, body}; status 0 without a network.
 * outbox.js's `send` does the fetch, so both read answers (timeouts, portals, 204) alike.
 */
export function callApi(method, url, body, csrf = "") {
  return send({ method, url, body }, csrf);
}

function failure(answer, doing) {
  if (answer.status === 0) {
    return `No connection right now, so ${doing} did not happen. Try again in a moment.`;
  }
  return answer.body?.error?.message ?? `The server answered ${answer.status}.`;
}

/** Tell the server about `subscription` (idempotent per endpoint): {status, body}. */
export function sendSubscription(subscription, csrf) {
  return callApi("POST", SUBSCRIPTIONS_URL, subscriptionBody(subscription), csrf);
}

/** The server's public key (URL-safe base64), or an Error to show. */
export async function fetchServerKey() {
  const answer = await callApi("GET", KEY_URL);
  if (answer.status === 200 && answer.body?.public_key) return answer.body.public_key;
  throw new Error(failure(answer, "turning on"));
}

export class PushClient {
  /**
   * env: browserEnvironment(); csrf: () => the page's CSRF token;
   * onChange(state, detail): called on every change ({message} for ERROR and OFF).
   */
  constructor({ env, csrf, onChange, fetchKey = fetchServerKey }) {
    this.env = env;
    this.csrf = csrf;
    this.onChange = onChange;
    this.fetchKey = fetchKey;
    this.state = null;
    this.key = null;
  }

  set(state, detail = {}) {
    this.state = state;
    this.onChange(state, detail);
    return state;
  }

  /** Work out where this device stands; re-sends an existing subscription. */
  async start() {
    if (!this.env.supported) {
      return this.set(this.env.needsInstall ? State.NEEDS_INSTALL : State.UNSUPPORTED);
    }
    if (this.env.needsInstall) return this.set(State.NEEDS_INSTALL);
    if (this.env.permission() === "denied") return this.set(State.DENIED);
    this.key = this.fetchKey().catch(() => null); // ready before the tap, so it asks at once
    try {
      const registration = await this.env.registration();
      const subscription = await registration.pushManager.getSubscription();
      if (!subscription || this.env.permission() !== "granted") return this.set(State.OFF);
      const answer = await sendSubscription(subscription, this.csrf());
      // Without a network the browser's subscription still stands; the next open re-sends it.
      const kept = answer.status === 0 || (answer.status >= 200 && answer.status < 300);
      return this.set(kept ? State.ON : State.OFF);
    } catch (error) {
      return this.set(State.ERROR, { message: error.message });
    }
  }

  /**
   * Turn reminders on for this device. Call it straight from the tap handler: the permission
   * question is asked before the first `await`, inside the user's gesture, as iOS requires.
   */
  async turnOn() {
    const asking = this.env.permission() === "granted"
      ? Promise.resolve("granted") : this.env.requestPermission();
    this.set(State.WORKING);
    try {
      const permission = await asking;
      if (permission === "denied") return this.set(State.DENIED);
      if (permission !== "granted") {
        return this.set(State.OFF, {
          message: "No answer to the question yet: tap the button again when you’re ready.",
        });
      }
      const key = (await this.key) ?? await this.fetchKey();
      const registration = await this.env.registration();
      const subscription = await this.subscribe(registration, key);
      const answer = await sendSubscription(subscription, this.csrf());
      if (answer.status >= 200 && answer.status < 300) return this.set(State.ON, { fresh: true });
      return this.set(State.ERROR, { message: failure(answer, "turning on") });
    } catch (error) {
      return this.set(State.ERROR, { message: error.message });
    }
  }

  async subscribe(registration, key) {
    const options = { userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key) };
    const old = await registration.pushManager.getSubscription();
    if (old && sameKey(old.options?.applicationServerKey, options.applicationServerKey)) return old;
    await old?.unsubscribe(); // made with another server key: the browser refuses to mix them
    return registration.pushManager.subscribe(options);
  }

  /** Stop reminders on this device: the server forgets it, then the browser does. */
  async turnOff() {
    this.set(State.WORKING);
    try {
      const registration = await this.env.registration();
      const subscription = await registration.pushManager.getSubscription();
      if (subscription) {
        const answer = await callApi("DELETE", SUBSCRIPTIONS_URL,
          { endpoint: subscription.endpoint }, this.csrf());
        if (answer.status !== 204 && answer.status !== 404) {
          return this.set(State.ERROR, { message: failure(answer, "turning off") });
        }
        await subscription.unsubscribe();
      }
      return this.set(State.OFF, { message: "Reminders are off on this device." });
    } catch (error) {
      return this.set(State.ERROR, { message: error.message });
    }
  }
}

function sameKey(buffer, bytes) {
  if (!buffer) return false;
  const held = new Uint8Array(buffer);
  return held.length === bytes.length && held.every((byte, i) => byte === bytes[i]);
}

/** On every app open: send this device's subscription again, if it has one. */
export async function resendSubscription(registration, csrf) {
  const subscription = await registration.pushManager.getSubscription();
  return subscription ? sendSubscription(subscription, csrf) : null;
}
