// The service worker's side of push reminders (sw.js adds the listeners): showing a push as a
// notification, what a tap on it or on its "done" action does, and keeping the subscription
// when the browser replaces it. No DOM: it runs only in the worker.
//
// A push carries JSON (docs/push.md): {kind, title, body, url, tag, actions: [{action, title}],
// data: {url, goal_id?, date?}} (goal_id and date are also read beside `data`), and beside
// them a declarative push message (W3C Push API): {web_push: 8030, notification: {title, body,
// navigate, tag, lang}, app_badge, mutable}. Either shape alone makes a notification. The nudge's
// "done" action checks in `goal_id` for `date` (the local date the nudge was for) via the API,
// with the session of the last signed-in page (outbox.js keeps it for the worker); without a
// network the check-in waits in the outbox.
import { askForSync, deliver, getSession } from "./outbox.js";
import { BADGE, ICON, KEY_URL, base64UrlToBytes, callApi, sendSubscription } from "./push.js";

export const DONE = "done";
const FALLBACK = { title: "Bring It On", body: "Your goals for today are waiting.", url: "/" };
const MAX_ACTIONS = 2; // what Chrome shows; the rest would be dropped silently

/** A same-origin path to open, whatever the payload says (never another site). */
export function safePath(url, origin) {
  try {
    const target = new URL(url || "/", origin);
    return target.origin === origin ? target.pathname + target.search + target.hash : "/";
  } catch {
    return "/";
  }
}

function readPayload(data) {
  try {
    const payload = data?.json();
    return payload && typeof payload === "object" ? payload : {};
  } catch {
    return {};
  }
}

/** [title, options] for showNotification from a push message's data. */
export function notificationFor(data, origin) {
  const payload = readPayload(data);
  const text = (value, fallback) => (typeof value === "string" && value ? value : fallback);
  const actions = (Array.isArray(payload.actions) ? payload.actions : [])
    .filter((a) => typeof a?.action === "string" && typeof a?.title === "string")
    .slice(0, MAX_ACTIONS)
    .map(({ action, title }) => ({ action, title }));
  const kind = text(payload.kind, "reminder");
  const extra = payload.data && typeof payload.data === "object" ? payload.data : {};
  const shown = payload.notification && typeof payload.notification === "object"
    ? payload.notification : {};
  const goalId = extra.goal_id ?? payload.goal_id;
  const day = extra.date ?? payload.date;
  return [text(payload.title, text(shown.title, FALLBACK.title)), {
    body: text(payload.body, text(shown.body, FALLBACK.body)),
    icon: ICON,
    badge: BADGE,
    // A repeat replaces, never stacks.
    tag: text(payload.tag, text(shown.tag, `bring-it-on-${kind}`)),
    actions,
    data: {
      kind,
      url: safePath(payload.url ?? extra.url ?? shown.navigate, origin),
      goalId: Number.isInteger(goalId) ? goalId : null,
      date: typeof day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null,
      goalTitle: text(extra.goal_title ?? payload.goal_title, ""),
    },
  }];
}

/** The app badge a push message carries (today's goals still open), or null. */
export function badgeOf(data) {
  const count = readPayload(data).app_badge;
  return Number.isInteger(count) && count >= 0 ? count : null;
}

/** `push`: every message shows a notification (the browser insists: userVisibleOnly), and
 * sets the app badge where the browser has one. */
export async function showPush(registration, data) {
  const [title, options] = notificationFor(data, self.location.origin);
  const count = badgeOf(data);
  if (count !== null && "setAppBadge" in self.navigator) {
    await (count ? self.navigator.setAppBadge(count) : self.navigator.clearAppBadge())
      .catch(() => null);
  }
  return registration.showNotification(title, options);
}

/** Focus a window of the app, at `path` if possible, or open one there. */
export async function openApp(path) {
  const target = new URL(path, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const exact = windows.find((client) => client.url === target);
  if (exact) return exact.focus();
  const any = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (any) {
    try {
      const focused = await any.focus();
      return await focused.navigate(target);
    } catch {
      // Not controlled by this worker, so it cannot be navigated: open a window instead.
    }
  }
  return self.clients.openWindow(target);
}

/**
 * The "done" action: check the goal in for the nudge's date without opening the app.
 * Resolves with "sent", "queued" (no network, or a session to renew: outbox.js replays it),
 * "refused" ({message}), "failed" (could not be queued either) or "signed-out" (no session on
 * this device); on the last two the app opens instead.
 */
export async function checkIn(registration, { goalId, date, goalTitle }) {
  const session = await getSession().catch(() => null);
  if (!session) return { outcome: "signed-out" };
  const write = {
    userId: session.userId, method: "PUT", goalId, date, body: { skipped: false },
    title: goalTitle,
  };
  const result = await deliver(write, session.csrf, () => askForSync(registration));
  return { outcome: result.kind, entry: result.entry, message: result.message ?? "" };
}

/** `notificationclick`: the "done" action checks in; anything else opens the app. */
export async function onNotificationClick(registration, notification, action) {
  const data = notification.data ?? {};
  notification.close();
  if (action === DONE && data.goalId && data.date) {
    const result = await checkIn(registration, data);
    if (result.outcome === "sent" || result.outcome === "queued") return result;
    if (result.outcome === "refused") {
      await registration.showNotification("That check-in was not saved", {
        body: result.message || "Open the app to check in.", icon: ICON, badge: BADGE,
        tag: notification.tag, data: { ...data, goalId: null },
      });
      return result;
    }
  }
  await openApp(data.url ?? "/");
  return { outcome: "opened" };
}

/** `pushsubscriptionchange`: subscribe again if the browser has not, and tell the server. */
export async function onSubscriptionChange(registration, oldSubscription, newSubscription) {
  let subscription = newSubscription;
  if (!subscription) {
    const answer = await callApi("GET", KEY_URL);
    const key = answer.body?.public_key;
    if (!key) return null; // signed out or offline: the next app open subscribes from the page
    subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key),
    });
  }
  const session = await getSession().catch(() => null);
  if (!session) return subscription; // the next signed-in app open sends it (app.js)
  await sendSubscription(subscription, session.csrf);
  if (oldSubscription && oldSubscription.endpoint !== subscription.endpoint) {
    await callApi("DELETE", "/api/v1/push/subscriptions",
      { endpoint: oldSubscription.endpoint }, session.csrf);
  }
  return subscription;
}
