// Today page: a tap shows at once and is sent through the API. When the network fails (or the
// server does), the check-in waits in the outbox, marked "waiting to be sent", and goes later.
// Without JavaScript the same buttons post their forms and the page reloads.
// Replays of the outbox on load, `online` and so on belong to every page: app.js runs them,
// and tells this page what happened with an `outbox:changed` event.
import * as outbox from "./outbox.js";

// Celebrations (a comeback, a new badge) load only when there is one: a cold page stays small.
const celebrations = () => import("./celebrate.js");
const topToasts = () => document.querySelector("[data-news]");

const userId = document.body.dataset.userId ?? null;
const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

// A small client for the app's own JSON API, authenticated by the session cookie.
async function api(method, path, body) {
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: "same-origin",
    headers: {
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(method === "GET" ? {} : { "X-CSRFToken": csrf() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(data?.error?.message ?? `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

// Ask app.js to send whatever still waits (the network has just proved to work).
const replayNow = () => document.dispatchEvent(new Event("outbox:replay"));

const list = document.querySelector('[data-controller="today"]');
// The largest value an entry holds (tracker.core.limits.MAX_ENTRY_VALUE, written by the page).
const maxValue = Number(list?.dataset.maxValue);
const status = document.querySelector("[data-status]");
const message = document.querySelector("[data-streak-message]");
const counter = document.querySelector("[data-waiting-count]");
const completeSlot = document.querySelector("[data-day-complete-slot]");
const bottomToasts = document.querySelector("[data-toasts]");
const pending = new WeakMap(); // goal element -> number of its latest tap
const inflight = new WeakMap(); // goal element -> taps not yet answered
const saved = new WeakMap(); // goal element -> its state as the server last confirmed it

const say = (text) => { if (status) status.textContent = text; };
const goals = () => [...list.querySelectorAll("[data-goal-id]")];
const goalById = (id) => goals().find((item) => item.dataset.goalId === String(id)) ?? null;
const titleOf = (item) => item.querySelector(".goal-title")?.textContent.trim() ?? "";
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** The calendar date (YYYY-MM-DD) in `timeZone` at `now`. */
export function localDate(timeZone, now = new Date()) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit",
  }).formatToParts(now);
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

function dayName(isoDate, style = "long") {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: style, day: "numeric", month: style, timeZone: "UTC",
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

function stateOf(item) {
  const target = Number(item.dataset.target);
  const value = Number(item.dataset.value);
  const skipped = item.dataset.skipped === "true";
  return { target, value, skipped, done: !skipped && value >= target };
}

function render(item, { value, skipped }) {
  const target = Number(item.dataset.target);
  const done = !skipped && value >= target;
  item.dataset.value = String(value); // a rest day keeps the value (SPEC 2)
  item.dataset.skipped = String(skipped);
  item.classList.toggle("is-done", done);
  item.classList.toggle("is-skipped", skipped);
  item.querySelector("button[aria-pressed]").setAttribute("aria-pressed", String(done));
  const restDay = item.querySelector('[value="skip"]');
  restDay.setAttribute("aria-checked", String(skipped));
  restDay.hidden = done; // offered only on a goal not done: a rest day never hides a check-in
  const count = item.querySelector("[data-value]");
  if (count) count.textContent = item.dataset.value;
  const minus = item.querySelector('[value="minus"]');
  if (minus) minus.disabled = value === 0;
}

function nextState(item, action) {
  const { target, value, skipped, done } = stateOf(item);
  switch (action) {
    // A tap on a count goal's card adds one, as "+" does; it never resets the count.
    case "toggle": return target > 1 ? nextState(item, "plus") : { value: done ? 0 : target, skipped: false };
    case "plus": return { value: Math.min(maxValue, value + 1), skipped: false };
    case "minus": return { value: Math.max(0, value - 1), skipped: false };
    case "skip": return { value, skipped: !skipped }; // a rest day keeps the value
    default: return null; // notes go through the plain form post
  }
}

// Every goal scheduled on the shown day is done (SPEC 8: `data-day-complete`).
function dayComplete() {
  const scheduled = goals().filter((item) => item.dataset.scheduled !== "false").map(stateOf);
  return scheduled.length > 0 && scheduled.every((s) => s.done);
}

// The app badge (SPEC 9): how many of today's scheduled goals are neither done nor skipped.
// The page says it (`data-open-goals`, only on today's page) and this keeps it current as taps
// change the goals; where the browser has no badge, nothing happens.
function openGoals() {
  return goals().filter((item) => item.dataset.scheduled !== "false").map(stateOf)
    .filter((s) => !s.done && !s.skipped).length;
}

function showBadge(count = openGoals()) {
  if (!("openGoals" in list.dataset)) return;
  list.dataset.openGoals = String(count);
  if (!("setAppBadge" in navigator)) return;
  (count ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => {});
}

function updateMessage() {
  showBadge();
  const complete = dayComplete();
  if (completeSlot) {
    completeSlot.toggleAttribute("data-day-complete", complete);
    completeSlot.hidden = !complete;
  }
  if (!message) return;
  message.hidden = complete;
  if (!("messageActive" in message.dataset)) return; // a past day says the same whatever is ticked
  const items = goals().map(stateOf);
  const key = items.some((s) => s.done) ? "messageActive"
    : items.length && items.every((s) => s.skipped) ? "messageRestful" : "messageOther";
  message.textContent = message.dataset[key];
}

// --- the streak, and what a tap earned ---------------------------------------------------------

const FIELDS = { current: "[data-streak-current]", best: "[data-streak-best]",
  freezes: "[data-streak-freezes]", comebacks: "[data-streak-comebacks]" };

function shownStreak() {
  const read = (selector) => Number(document.querySelector(selector)?.textContent ?? NaN);
  return Object.fromEntries(Object.entries(FIELDS).map(([key, selector]) => [key, read(selector)]));
}

function showStreak(day) {
  for (const [key, selector] of Object.entries(FIELDS)) {
    const node = document.querySelector(selector);
    if (!node) continue;
    node.textContent = String(day[key]);
    // "1 freeze", "2 comebacks": the label beside a figure follows it.
    const label = node.parentElement.querySelector("[data-one]");
    if (label) label.textContent = day[key] === 1 ? label.dataset.one : label.dataset.many;
  }
}

let streakAsked = 0;
async function refreshStreak() {
  const asked = ++streakAsked;
  const answer = await api("GET", "/streaks");
  if (asked !== streakAsked) return; // a later refresh brings newer figures
  const before = shownStreak();
  showStreak(answer.day);
  if (answer.day.comebacks > before.comebacks) {
    const { showComeback } = await celebrations();
    announce(showComeback(topToasts(), answer.day, before));
  }
  const known = new Set((list.dataset.badges ?? "").split(" ").filter(Boolean));
  const earned = answer.badges.map((b) => `${b.kind}:${b.threshold}`);
  list.dataset.badges = earned.join(" ");
  if (earned.some((key) => !known.has(key))) {
    const { showNewBadges } = await celebrations();
    announce(await showNewBadges(topToasts()));
  }
}

// News a tap brought (a comeback, a badge) is read out after what the tap did.
function announce(news) {
  if (!news || !status) return;
  status.textContent = `${status.textContent} ${news}`.trim();
}

// A page that showed "today" and is still open after midnight (or was saved for offline use
// yesterday) moves to the new day: its goals start fresh, and taps count for the new date.
function rollOver(day) {
  const before = list.dataset.date;
  // Which goals the new day schedules is the server's to say: the badge waits for a reload
  // (or a push) rather than show the old day's goals.
  delete list.dataset.openGoals;
  list.dataset.date = day;
  list.dataset.today = day;
  for (const input of list.querySelectorAll('input[name="date"]')) input.value = day;
  const title = document.querySelector("[data-day-date]");
  if (title) title.textContent = dayName(day);
  const previous = document.querySelector("[data-day-previous]");
  if (previous) {
    previous.href = `/?date=${before}`;
    previous.setAttribute("aria-label", `Previous day, ${dayName(before)}`);
  }
  dropUndo(); // an undo puts back yesterday's check-in on yesterday only
  for (const item of goals()) {
    saved.set(item, { value: 0, skipped: false });
    pending.set(item, (pending.get(item) ?? 0) + 1);
    render(item, { value: 0, skipped: false });
  }
  updateMessage();
  showWaiting();
}

// The date a tap counts for: the page's own date, or on the Today page the date in the
// account's time zone right now (SPEC section 2: the date on which it was tapped).
function checkDay() {
  const { date, today, timezone } = list.dataset;
  if (date !== today || !timezone) return date;
  let now;
  try { now = localDate(timezone); } catch { return date; }
  if (now > date) rollOver(now);
  return list.dataset.date;
}

// Send a write now; when that fails for want of a network or a working server, keep it.
// {kind: "sent", entry} | {kind: "refused", message} | {kind: "queued", why} | {kind: "failed"}
async function deliver(write) {
  const outcome = await outbox.deliver(write, csrf(), async () =>
    outbox.askForSync(await navigator.serviceWorker?.getRegistration().catch(() => null)));
  if (outcome.kind !== "refused") return outcome;
  return { ...outcome, message: outcome.message ?? `HTTP ${outcome.status}.` };
}

// One goal's writes go one after another, in the order of the taps: each carries the whole
// new state, so a later tap must never land before an earlier one.
const chains = new WeakMap(); // goal element -> the promise of its latest write
function inOrder(item, send) {
  const next = (chains.get(item) ?? Promise.resolve()).then(send, send);
  chains.set(item, next.catch(() => {}));
  return next;
}

const QUEUED = {
  network: "No connection right now: it will be sent when you’re back online.",
  server: "The server had a problem: it will be sent again shortly.",
  session: "Sign in again and it will be sent.",
};

// What a tap did, in words for the status line: true to what happened ("Unticked", not "Saved").
function describe(action, before, entry, title) {
  const target = Number(entry.target ?? before.target);
  const done = !entry.skipped && entry.value >= target;
  if (action === "restore") return `Put back: ${title}.`;
  if (entry.skipped) return `Rest day: ${title}.`;
  if (action === "skip") return `Rest day cleared: ${title}.`;
  if (done && !before.done) {
    return dayComplete() ? `Done: ${title}. Day complete!` : `Done: ${title}. Nice.`;
  }
  if (target > 1) return `${title}: ${entry.value} of ${target}.`;
  return done ? `Done: ${title}.` : `Unticked: ${title}.`;
}

// --- undo: a check-in reset to 0 can be put back, as it was, for a while (SPEC 8) -------------

const UNDO_MS = 15000;
let undoTimer = 0;

function dropUndo() {
  clearTimeout(undoTimer);
  bottomToasts?.querySelector(".toast-undo")?.remove();
}

function offerUndo(item, before) {
  if (!bottomToasts) return;
  dropUndo();
  const day = list.dataset.date;
  const restore = { value: before.value, skipped: before.skipped };
  const bar = document.createElement("div");
  bar.className = "toast toast-undo";
  bar.dataset.goalId = item.dataset.goalId;
  const text = document.createElement("p");
  text.className = "toast-text";
  text.textContent = `${before.target > 1 ? "Back to 0" : "Unticked"}: ${titleOf(item)}.`;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "toast-action";
  button.dataset.undo = "";
  button.textContent = "Undo";
  button.addEventListener("click", () => {
    dropUndo();
    if (list.dataset.date === day) save(item, "restore", restore);
  });
  bar.append(text, button);
  bottomToasts.append(bar);
  const later = () => {
    if (bar.matches(":focus-within, :hover")) undoTimer = setTimeout(later, 3000);
    else dropUndo();
  };
  undoTimer = setTimeout(later, UNDO_MS);
}

async function save(item, action, next = nextState(item, action)) {
  const day = checkDay();
  const before = stateOf(item);
  if (!saved.has(item)) saved.set(item, before);
  const title = titleOf(item);
  const request = (pending.get(item) ?? 0) + 1;
  pending.set(item, request);
  inflight.set(item, (inflight.get(item) ?? 0) + 1);
  render(item, next); // optimistic: the tap shows before the network answers
  updateMessage();
  if (before.value > 0 && next.value === 0) offerUndo(item, before);
  else if (bottomToasts?.querySelector(`.toast-undo[data-goal-id="${item.dataset.goalId}"]`)) dropUndo();
  const write = { userId, method: "PUT", goalId: item.dataset.goalId, date: day,
    body: { value: next.value, skipped: next.skipped }, title };
  const outcome = await inOrder(item, () => deliver(write));
  inflight.set(item, inflight.get(item) - 1);
  if (outcome.kind === "sent") saved.set(item, { value: outcome.entry.value, skipped: outcome.entry.skipped });
  await showWaiting();
  if (pending.get(item) !== request) return; // a later tap on this goal has taken over
  if (outcome.kind === "sent") {
    const { entry } = outcome;
    render(item, entry);
    updateMessage();
    say(describe(action, before, entry, title));
    replayNow(); // the network is back: anything still waiting can go too
    refreshStreak().catch(() => say(`Saved: ${title}. The streak will catch up when you reload.`));
  } else if (outcome.kind === "queued") {
    say(`Saved on this device: ${title}. ${QUEUED[outcome.why]}`);
  } else {
    render(item, saved.get(item));
    updateMessage();
    if (next.value === 0) dropUndo(); // nothing was reset after all
    say(outcome.kind === "refused"
      ? `Not saved: ${outcome.message} Please try again.`
      : `Not saved: no connection right now. ${title} is as it was; try again in a moment.`);
  }
}

// Mark the goals whose check-ins for this page's date are still on the device, and count all.
async function showWaiting() {
  let items = [];
  try { items = await outbox.waiting(userId); } catch { /* no IndexedDB: nothing can wait */ }
  const here = new Set(items.filter((i) => i.date === list.dataset.date).map((i) => i.goalId));
  for (const item of goals()) {
    const waiting = here.has(item.dataset.goalId);
    item.classList.toggle("is-waiting", waiting);
    const marker = item.querySelector("[data-waiting]");
    if (marker) marker.hidden = !waiting;
  }
  if (counter) {
    counter.hidden = items.length === 0;
    counter.textContent = items.length
      ? `${plural(items.length, "check-in", "check-ins")} waiting to be sent.` : "";
  }
  return items;
}

// A page loaded from the network (or the worker's saved copy) shows what still waits.
async function showQueuedTaps() {
  const items = await showWaiting();
  for (const write of items.filter((i) => i.date === list.dataset.date)) {
    const item = goalById(write.goalId);
    if (!item) continue;
    if (!saved.has(item)) saved.set(item, stateOf(item));
    render(item, write.body ?? { value: 0, skipped: false });
  }
  updateMessage();
}

async function resync(item) {
  const day = list.dataset.date;
  const entries = await api("GET", `/goals/${item.dataset.goalId}/entries?from=${day}&to=${day}`);
  const state = entries[0] ?? { value: 0, skipped: false };
  saved.set(item, state);
  if (!inflight.get(item)) render(item, state);
}

// A replay (this page's or the worker's) sent or refused some waiting check-ins.
async function onReplayed({ sent = [], refused = [] }) {
  const waiting = await showWaiting();
  const stillWaiting = new Set(waiting.map((i) => i.url));
  for (const { item: write, entry } of sent) {
    const item = write.date === list.dataset.date ? goalById(write.goalId) : null;
    if (!item || !entry) continue;
    saved.set(item, { value: entry.value, skipped: entry.skipped });
    if (!inflight.get(item) && !stillWaiting.has(write.url)) render(item, entry);
  }
  for (const { date, goalId } of refused) {
    const item = date === list.dataset.date ? goalById(goalId) : null;
    // Show what the server holds; if even that fails (a deleted goal), what it last confirmed.
    if (item) await resync(item).catch(() => render(item, saved.get(item) ?? stateOf(item)));
  }
  updateMessage();
  if (refused.length) {
    say(refused.map((r) => `Not saved: ${r.title || "a check-in"} for ${dayName(r.date, "short")}. `
      + `${r.message}`).join(" "));
  } else if (sent.length) {
    say(`Sent: ${plural(sent.length, "check-in", "check-ins")} saved on this device.`);
  }
  if (sent.length || refused.length) refreshStreak().catch(() => {});
}

if (list) {
  list.addEventListener("submit", (event) => {
    const item = event.target.closest("[data-goal-id]");
    const action = event.submitter?.value;
    if (!item || !nextState(item, action)) return;
    event.preventDefault();
    save(item, action);
  });
  document.addEventListener("outbox:changed", (event) => onReplayed(event.detail));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") checkDay();
  });
  if (checkDay() === list.dataset.today) showBadge(Number(list.dataset.openGoals));
  showQueuedTaps();
}

// The freeze and comeback figures open a short explanation (a plain <details>): one at a time,
// and a tap elsewhere or Escape closes it.
const facts = document.querySelector('[data-controller="facts"]');
if (facts) {
  const helps = [...facts.querySelectorAll("details")];
  for (const help of helps) {
    help.addEventListener("toggle", () => {
      if (help.open) for (const other of helps) if (other !== help) other.open = false;
    });
  }
  document.addEventListener("click", (event) => {
    for (const help of helps) if (help.open && !help.contains(event.target)) help.open = false;
  });
  document.addEventListener("keydown", (event) => {
    const open = helps.find((help) => help.open);
    if (event.key !== "Escape" || !open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });
}
