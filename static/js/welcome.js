// The onboarding's reminders step (templates/welcome/reminders.html). On an iPhone or iPad in
// Safari, push works only in the app opened from the Home Screen, so the "Add to Home Screen"
// steps take the place of the switch. push.js tells (the same test the reminders page uses).
import { browserEnvironment } from "./push.js";

const steps = document.querySelector('[data-controller="ios-install"]');

if (steps && browserEnvironment().needsInstall) {
  steps.hidden = false;
  const panel = document.querySelector('[data-controller="push"]');
  if (panel) panel.hidden = true;
  // Every page's banner (app.js) gives the same advice: once on this page is enough.
  const banner = document.querySelector('[data-controller="ios-hint"]');
  if (banner) banner.hidden = true;
}
