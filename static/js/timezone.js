// The time zone list (templates/_timezone_field.html). A search box narrows the <select> to the
// zones whose name or city matches what is typed, and where the server only guessed (UTC, on
// the sign-up page) this device's own zone is chosen at once. Without JavaScript the list
// works on its own and the page never claims to know the device's zone.

const FROM_DEVICE = "Filled in from this device. Change it if it’s wrong.";

const normal = (text) => text.toLowerCase().replace(/[_\s/()]+/g, " ").trim();

function deviceZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

// Choose `zone`, adding it when the list leaves it out (an older name some browsers report,
// such as Asia/Calcutta): the server checks it all the same.
function choose(select, zone) {
  if (![...select.options].some((option) => option.value === zone)) {
    select.prepend(new Option(zone, zone));
  }
  select.value = zone;
}

function guess(field, select) {
  const zone = deviceZone();
  if (!zone) return;
  choose(select, zone);
  const hint = field.querySelector("[data-zone-hint]");
  if (hint) hint.textContent = FROM_DEVICE;
}

// The match most likely meant: a city that starts with what was typed ("lis": Lisbon, not
// Indianapolis), then any part of the name that does, then any; the one already chosen, or
// the first in the list, among equals.
function best(options, wanted, current) {
  const rank = (option) => {
    if (normal(option.value.split("/").at(-1)).startsWith(wanted)) return 0;
    return normal(option.value).split(" ").some((word) => word.startsWith(wanted)) ? 1 : 2;
  };
  const listed = [...options];
  const first = listed.find((option) => option.value === current) ?? listed[0];
  return listed.reduce((chosen, option) => (rank(option) < rank(chosen) ? option : chosen), first);
}

// Keep in the list the groups and options whose text matches `query`: {count} of them.
function narrow(select, groups, query) {
  const wanted = normal(query);
  const current = select.value;
  const matches = (option) => !wanted || normal(`${option.value} ${option.text}`).includes(wanted);
  const shown = groups
    .map(({ node, options }) => ({ node, options: options.filter(matches) }))
    .filter(({ options }) => options.length);
  const count = shown.reduce((sum, { options }) => sum + options.length, 0);
  if (!count) {
    if (wanted) narrow(select, groups, ""); // nothing matches: the whole list, as it came
    return { count };
  }
  select.replaceChildren(...shown.map(({ node, options }) => {
    if (node.tagName !== "OPTGROUP") return options[0];
    node.replaceChildren(...options);
    return node;
  }));
  select.value = best(select.options, wanted, current).value;
  return { count };
}

function searchable(field, select) {
  const box = field.querySelector("[data-zone-search]");
  const input = box?.querySelector("input");
  const found = field.querySelector("[data-zone-found]");
  if (!box || !input) return;
  // Every group (or lone option) as the server sent it, to narrow from each time.
  const groups = [...select.children].map((node) => ({
    node, options: node.tagName === "OPTGROUP" ? [...node.children] : [node],
  }));
  input.addEventListener("input", () => {
    const { count } = narrow(select, groups, input.value);
    const typed = input.value.trim();
    if (!typed) found.textContent = "";
    else if (!count) found.textContent = `No zone matches “${typed}”. Try a city nearby, or a region such as Europe.`;
    else {
      const many = count === 1 ? "1 zone matches" : `${count} zones match`;
      found.textContent = `${many}. Chosen: ${select.selectedOptions[0]?.text ?? ""}`;
    }
  });
  // Enter in the search box would send the form: take the person to the list instead.
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    select.focus();
  });
  box.hidden = false;
}

for (const field of document.querySelectorAll('[data-controller="timezone"]')) {
  const select = field.querySelector("select");
  if (!select) continue;
  if (field.hasAttribute("data-zone-guess")) guess(field, select);
  searchable(field, select);
}
