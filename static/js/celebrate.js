// A badge earned since this browser last looked: a short burst around the card (only when
// the person has not asked for reduced motion), the news read out by screen readers without
// interrupting them, and a Close button. The card itself is on the page without JavaScript.

const card = document.querySelector('[data-controller="celebrate"]');

if (card) {
  const calm = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
  if (!calm) card.dataset.state = "celebrating";

  // A live region speaks when its text changes, not when the page arrives with it.
  const region = document.querySelector("[data-announce]");
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
}
