// Today page: a tap shows at once, is saved through the API, then the streak is refreshed.
// Without JavaScript the same buttons post their forms and the page reloads.
import { api } from "./api.js";

const list = document.querySelector('[data-controller="today"]');
const status = document.querySelector("[data-status]");
const message = document.querySelector("[data-streak-message]");
const pending = new WeakMap(); // goal element -> number of its latest request
const saved = new WeakMap(); // goal element -> its state as the server last confirmed it

function say(text) {
  if (status) status.textContent = text;
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
  item.dataset.value = String(skipped ? 0 : value);
  item.dataset.skipped = String(skipped);
  item.classList.toggle("is-done", done);
  item.classList.toggle("is-skipped", skipped);
  item.querySelector("button[aria-pressed]").setAttribute("aria-pressed", String(done));
  item.querySelector('[value="skip"]').setAttribute("aria-checked", String(skipped));
  const count = item.querySelector("[data-value]");
  if (count) count.textContent = item.dataset.value;
  const minus = item.querySelector('[value="minus"]');
  if (minus) minus.disabled = skipped || value === 0;
}

function nextState(item, action) {
  const { target, value, skipped, done } = stateOf(item);
  switch (action) {
    case "toggle": return { value: done ? 0 : target, skipped: false };
    case "plus": return { value: Math.min(1000, (skipped ? 0 : value) + 1), skipped: false };
    case "minus": return { value: Math.max(0, value - 1), skipped: false };
    case "skip": return { value: 0, skipped: !skipped };
    default: return null; // notes go through the plain form post
  }
}

function updateMessage() {
  if (!message) return;
  const items = [...list.querySelectorAll("[data-goal-id]")].map(stateOf);
  const key = items.some((s) => s.done) ? "messageActive"
    : items.length && items.every((s) => s.skipped) ? "messageRestful" : "messageOther";
  message.textContent = message.dataset[key];
}

async function refreshStreak() {
  const today = await api("GET", "/today");
  const fields = { current: "[data-streak-current]", best: "[data-streak-best]",
    freezes: "[data-streak-freezes]", comebacks: "[data-streak-comebacks]" };
  for (const [key, selector] of Object.entries(fields)) {
    const node = document.querySelector(selector);
    if (node) node.textContent = String(today.streak[key]);
  }
}

async function save(item, action) {
  const next = nextState(item, action);
  if (!saved.has(item)) saved.set(item, stateOf(item));
  const title = item.querySelector(".goal-title").textContent.trim();
  const request = (pending.get(item) ?? 0) + 1;
  pending.set(item, request);
  render(item, next); // optimistic: the tap shows before the network answers
  updateMessage();
  let entry;
  try {
    entry = await api("PUT", `/goals/${item.dataset.goalId}/entries/${list.dataset.date}`,
      { value: next.value, skipped: next.skipped });
  } catch (error) {
    if (pending.get(item) !== request) return; // a later tap on this goal has taken over
    render(item, saved.get(item));
    updateMessage();
    say(error.status
      ? `Not saved: ${error.message} Please try again.`
      : `Not saved: no connection right now. ${title} is as it was; try again in a moment.`);
    return;
  }
  saved.set(item, { value: entry.value, skipped: entry.skipped });
  if (pending.get(item) !== request) return;
  render(item, entry);
  updateMessage();
  say(entry.done ? `Done: ${title}. Nice.` : entry.skipped ? `Rest day: ${title}.` : `Saved: ${title}.`);
  try {
    await refreshStreak();
  } catch {
    say(`Saved: ${title}. The streak will catch up when you reload.`);
  }
}

list?.addEventListener("submit", (event) => {
  const item = event.target.closest("[data-goal-id]");
  const action = event.submitter?.value;
  if (!item || !nextState(item, action)) return;
  event.preventDefault();
  save(item, action);
});
