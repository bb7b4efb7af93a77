// Today page: taps check in at once through the API; without JavaScript the forms still post.
import { api } from "./api.js";

const list = document.querySelector('[data-controller="today"]');
const status = document.querySelector("[data-status]");

function say(text) {
  if (status) status.textContent = text;
}

function render(item, entry) {
  const target = Number(item.dataset.target);
  const value = entry && !entry.skipped ? entry.value : 0;
  const skipped = Boolean(entry?.skipped);
  const done = Boolean(entry?.done);
  item.dataset.value = String(value);
  item.dataset.skipped = String(skipped);
  item.classList.toggle("is-done", done);
  item.classList.toggle("is-skipped", skipped);
  item.querySelector(".goal-toggle").setAttribute("aria-pressed", String(done));
  item.querySelector('[value="skip"]').setAttribute("aria-pressed", String(skipped));
  const count = item.querySelector("[data-value]");
  if (count) count.textContent = String(value);
  const minus = item.querySelector('[value="minus"]');
  if (minus) minus.disabled = value === 0;
  return { target, value };
}

function nextBody(item, action) {
  const target = Number(item.dataset.target);
  const value = Number(item.dataset.value);
  const skipped = item.dataset.skipped === "true";
  const done = !skipped && value >= target;
  switch (action) {
    case "toggle": return { value: done ? 0 : target };
    case "plus": return { value: Math.min(1000, value + 1) };
    case "minus": return { value: Math.max(0, value - 1) };
    case "skip": return { value: 0, skipped: !skipped };
    default: return null;
  }
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

list?.addEventListener("submit", async (event) => {
  const item = event.target.closest("[data-goal-id]");
  const action = event.submitter?.value;
  const body = item && nextBody(item, action);
  if (!body) return; // notes and anything else go through the plain form post
  event.preventDefault();
  const title = item.querySelector(".goal-title").textContent;
  const previous = { value: Number(item.dataset.value), skipped: item.dataset.skipped === "true" };
  render(item, { ...body, skipped: Boolean(body.skipped), done: !body.skipped && body.value >= Number(item.dataset.target) });
  try {
    const entry = await api("PUT", `/goals/${item.dataset.goalId}/entries/${list.dataset.date}`, body);
    render(item, entry);
    say(entry.done ? `${title}: done. Nice.` : `${title}: saved.`);
    await refreshStreak();
  } catch (error) {
    render(item, { ...previous, done: !previous.skipped && previous.value >= Number(item.dataset.target) });
    say(error.status ? `Not saved: ${error.message}` : "No connection. Not saved yet; try again in a moment.");
  }
});
