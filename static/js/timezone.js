// Fill the time zone field from this device, unless the person already chose one.
for (const input of document.querySelectorAll('[data-controller="timezone"]')) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && (!input.value || input.value === "UTC")) input.value = zone;
}
