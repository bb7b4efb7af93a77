// Celebrations. A badge earned since this browser last looked: a short burst around the card
// (only when the person has not asked for reduced motion), the news read out by screen readers
// without interrupting them, and a Close button. The card itself is on the page without
// JavaScript (templates/insights/_celebration.html).
//
// The Today page also imports this module, lazily, the moment a tap earns something: a
// comeback (a day with a rejection turned into a day shown up for), or a badge.

const calm = () => window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
const STAYS_MS = 15000; // news over the header goes by itself, unless it holds the focus
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** Start the burst of a badge card and give it its Close button; `region` reads it out. */
export function celebrate(card, region = null) {
  if (card.dataset.celebrated) return; // the page's own copy of this module got here first
  card.dataset.celebrated = "true";
  if (!calm()) card.dataset.state = "celebrating";

  // A live region speaks when its text changes, not when the page arrives with it.
  const titles = [...card.querySelectorAll("[data-new-badge]")].map((el) => el.textContent.trim());
  if (region && titles.length) {
    const news = `${titles.length === 1 ? "New badge" : "New badges"}: ${titles.join(", ")}.`;
    setTimeout(() => { region.textContent = news; }, 700);
  }

  const close = card.querySelector("[data-dismiss]");
  if (close) {
    close.hidden = false;
    close.addEventListener("click", () => { card.hidden = true; });
  }
  if (card.closest("[data-news]")) fade(card); // floating over the Today page's header
}

// Take news away after a while, but never from under the focus or the pointer.
function fade(node) {
  const later = () => {
    if (node.matches(":focus-within, :hover")) setTimeout(later, 3000);
    else node.remove();
  };
  setTimeout(later, STAYS_MS);
}

/**
 * Show that a tap made a comeback, and the freeze it earned (`day` and `before` are the day
 * streak's figures after and before it, as GET /api/v1/streaks gives them). Returns the words
 * for the page's status line.
 */
export function showComeback(container, day, before) {
  container.querySelector("[data-comeback]")?.remove();
  const earned = day.freezes > before.freezes;
  const freeze = earned
    ? `It earned you a freeze: you now hold ${plural(day.freezes, "freeze", "freezes")}.`
    : `It earned a freeze, and you already hold the most you can (${day.freezes}).`;
  const toast = document.createElement("div");
  toast.className = "toast toast-comeback";
  toast.dataset.comeback = "";
  if (!calm()) toast.dataset.state = "celebrating";
  const mark = document.createElement("span");
  mark.className = "comeback-mark";
  mark.setAttribute("aria-hidden", "true");
  const text = document.createElement("p");
  text.className = "toast-text";
  const title = document.createElement("strong");
  title.textContent = "Comeback!";
  text.append(title, `You showed up after a “no”. ${freeze}`);
  const close = document.createElement("button");
  close.type = "button";
  close.className = "round";
  close.setAttribute("aria-label", "Close");
  close.textContent = "×";
  close.addEventListener("click", () => toast.remove());
  toast.append(mark, text, close);
  container.prepend(toast);
  fade(toast);
  return `Comeback! ${freeze}`;
}

let cards = 0;

/**
 * Ask the server for the card of badges earned since this browser last saw one (GET
 * /today/badges, which also marks them seen, so a reload does not celebrate them twice), show
 * it and return its news for the status line; "" when there is none.
 */
export async function showNewBadges(container) {
  const response = await fetch("/today/badges", {
    credentials: "same-origin", headers: { Accept: "text/html" },
  });
  if (response.status !== 200) return "";
  const html = new DOMParser().parseFromString(await response.text(), "text/html");
  const card = html.querySelector('[data-controller="celebrate"]');
  if (!card) return ""; // signed out meanwhile: the sign-in page, not a card
  const heading = card.querySelector("h2");
  if (heading) { // ids stay unique when a card from the page load is still there
    heading.id = `celebrate-live-${++cards}`;
    card.setAttribute("aria-labelledby", heading.id);
  }
  const node = document.adoptNode(card);
  container.querySelector('[data-controller="celebrate"]')?.remove();
  container.append(node);
  celebrate(node);
  node.querySelector("[data-dismiss]")?.addEventListener("click", () => node.remove());
  const titles = [...node.querySelectorAll("[data-new-badge]")].map((el) => el.textContent.trim());
  return `${titles.length === 1 ? "New badge" : "New badges"}: ${titles.join(", ")}.`;
}

const card = document.querySelector('main [data-controller="celebrate"]');
if (card) celebrate(card, document.querySelector("[data-announce]"));
