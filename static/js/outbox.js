// The outbox: check-ins that could not be sent yet, kept in IndexedDB until the server takes
// them. No DOM here: the Today page and the service worker (a module worker) both import it.
//
// An item: {id, userId, method: "PUT" | "DELETE", url, goalId, date, body, title, queuedAt}.
// `id` grows, so replaying in id order is replaying in tap order. Every write is a whole
// entry state (PUT {value, skipped}, or DELETE), so a newer write for the same goal and date
// replaces an older one, and sending one twice is harmless (SPEC section 2: idempotent).

const DB_NAME = "bring-it-on";
const DB_VERSION = 1;
const OUTBOX = "outbox"; // the writes, in order
const META = "meta"; // "session": {userId, csrf} of the last signed-in page, for the worker
const REFUSED = "refused"; // writes the server refused, until a page has told the user
const LOCK = "bring-it-on-outbox";
const SEND_TIMEOUT_MS = 15000;

export const SYNC_TAG = "bring-it-on-outbox";

let opening = null;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OUTBOX)) {
        db.createObjectStore(OUTBOX, { keyPath: "id", autoIncrement: true });
      }
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
      if (!db.objectStoreNames.contains(REFUSED)) {
        db.createObjectStore(REFUSED, { keyPath: "id", autoIncrement: true });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => { db.close(); opening = null; };
      resolve(db);
    };
    request.onerror = () => { opening = null; reject(request.error); };
  });
  return opening;
}

// Run `work(stores)` in one transaction and resolve with its result once it has committed.
async function transaction(names, mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(names, mode);
    const stores = Object.fromEntries([names].flat().map((name) => [name, tx.objectStore(name)]));
    let result;
    Promise.resolve(work(stores)).then((value) => { result = value; }, (error) => {
      tx.abort();
      reject(error);
    });
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("outbox transaction aborted"));
  });
}

export function entryUrl(goalId, date) {
  return `/api/v1/goals/${encodeURIComponent(goalId)}/entries/${encodeURIComponent(date)}`;
}

/** Keep `write` ({userId, method, goalId, date, body?, title?}); older writes for its entry go. */
export function enqueue(write) {
  const item = {
    userId: String(write.userId),
    method: write.method,
    url: entryUrl(write.goalId, write.date),
    goalId: String(write.goalId),
    date: write.date,
    body: write.body ?? null,
    title: write.title ?? "",
    queuedAt: new Date().toISOString(),
  };
  return transaction(OUTBOX, "readwrite", async ({ outbox }) => {
    for (const old of await promised(outbox.getAll())) {
      if (old.userId === item.userId && old.url === item.url) outbox.delete(old.id);
    }
    item.id = await promised(outbox.add(item));
    return item;
  });
}

/** The writes still waiting for `userId` (all users' without one), oldest first. */
export async function waiting(userId) {
  const items = await transaction(OUTBOX, "readonly", ({ outbox }) => promised(outbox.getAll()));
  return userId === undefined ? items : items.filter((item) => item.userId === String(userId));
}

/** Forget waiting writes for this entry: a newer one, sent directly, supersedes them. */
export function supersede(userId, goalId, date) {
  const url = entryUrl(goalId, date);
  return transaction(OUTBOX, "readwrite", async ({ outbox }) => {
    for (const old of await promised(outbox.getAll())) {
      if (old.userId === String(userId) && old.url === url) outbox.delete(old.id);
    }
  });
}

export function setSession(session) {
  const value = { userId: String(session.userId), csrf: session.csrf };
  return transaction(META, "readwrite", ({ meta }) => { meta.put(value, "session"); });
}

export function getSession() {
  return transaction(META, "readonly", ({ meta }) => promised(meta.get("session")));
}

export function clearSession() {
  return transaction(META, "readwrite", ({ meta }) => { meta.delete("session"); });
}

/** Refusals not yet shown to `userId`, removed as they are read. */
export function takeRefusals(userId) {
  return transaction(REFUSED, "readwrite", async ({ refused }) => {
    const mine = (await promised(refused.getAll())).filter((r) => r.userId === String(userId));
    for (const item of mine) refused.delete(item.id);
    return mine;
  });
}

/** Run `work` while no other page or worker touches the outbox (Web Locks where available). */
export function withLock(work) {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request(LOCK, work) : work();
}

/** Send one write: {status, body}; status 0 when the network failed or gave up. */
export async function send(write, csrf) {
  const url = write.url ?? entryUrl(write.goalId, write.date);
  const headers = { Accept: "application/json", "X-CSRFToken": csrf ?? "" };
  if (write.body) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, {
      method: write.method,
      credentials: "same-origin",
      cache: "no-store",
      headers,
      body: write.body ? JSON.stringify(write.body) : undefined,
      signal: AbortSignal.timeout ? AbortSignal.timeout(SEND_TIMEOUT_MS) : undefined,
    });
  } catch {
    return { status: 0, body: null };
  }
  if (response.redirected) return { status: 0, body: null }; // a portal page, not our API
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  return { status: response.status, body };
}

/** Ask `registration` for a Background Sync where the browser has it. */
export async function askForSync(registration) {
  try {
    await registration?.sync?.register(SYNC_TAG);
  } catch {
    // Not supported, or not allowed: the next load, visibility change or `online` replays.
  }
}

/**
 * A check-in tapped now (on Today, or from a notification): sent at once, or kept in the
 * outbox when the answer says to try again. Older queued writes of the same goal and date
 * give way to it. Resolves with {kind: "sent", entry} | {kind: "refused", message?, status} |
 * {kind: "queued", why} | {kind: "failed", why} (could not be queued either); `why` is
 * "network", "session" or "server". `queued` is awaited after a write was queued.
 */
export function deliver(write, csrf, queued) {
  return withLock(async () => {
    const canQueue = Boolean(write.userId) && await supersede(write.userId, write.goalId, write.date)
      .then(() => true, () => false);
    const answer = await send(write, csrf);
    const result = verdict(answer);
    if (result === "sent") return { kind: "sent", entry: answer.body };
    if (result === "refused") {
      return { kind: "refused", message: answer.body?.error?.message, status: answer.status };
    }
    const why = answer.status === 0 ? "network" : result === "hold" ? "session" : "server";
    if (!canQueue) return { kind: "failed", why };
    try {
      await enqueue(write);
    } catch {
      return { kind: "failed", why };
    }
    await queued?.();
    return { kind: "queued", why };
  });
}

/**
 * What to do with a write after an answer:
 * "sent" (2xx), "retry" (no network, timeout, 5xx, 408, 429: keep it, try again later),
 * "hold" (401, or 403 for the CSRF token: the data is fine, the session is not; keep it until
 * a signed-in page replays it), or "refused" (any other 4xx: drop it and tell the user).
 */
export function verdict({ status, body }) {
  if (status >= 200 && status < 300) return "sent";
  if (status === 0 || status >= 500 || status === 408 || status === 429) return "retry";
  if (status === 401 || (status === 403 && body?.error?.code === "csrf")) return "hold";
  return "refused";
}

function nextFor(userId) {
  return waiting(userId).then((items) => items[0] ?? null);
}

function refusal(answer) {
  return answer.body?.error?.message ?? `The server answered ${answer.status}.`;
}

function settle(item, answer, outcome) {
  return transaction([OUTBOX, REFUSED], "readwrite", ({ outbox, refused }) => {
    outbox.delete(item.id);
    if (outcome === "refused") {
      const { id, ...write } = item;
      refused.add({ ...write, status: answer.status, message: refusal(answer) });
    }
  });
}

/**
 * Send `userId`'s waiting writes in order, one at a time, each under the lock (so a tap on the
 * page can slip in between). Stops at the first one that must wait.
 * Resolves with {sent: [{item, entry}], refused: [{item, status, message}], left, stopped}.
 */
export async function replay({ userId, csrf }) {
  const report = { sent: [], refused: [], left: 0, stopped: null };
  for (;;) {
    const step = await withLock(async () => {
      const item = await nextFor(userId);
      if (!item) return null;
      const answer = await send(item, csrf);
      const outcome = verdict(answer);
      if (outcome === "sent" || outcome === "refused") await settle(item, answer, outcome);
      return { item, answer, outcome };
    });
    if (!step) break;
    const { item, answer, outcome } = step;
    if (outcome === "sent") report.sent.push({ item, entry: answer.body });
    else if (outcome === "refused") {
      report.refused.push({ item, status: answer.status, message: refusal(answer) });
    } else {
      report.stopped = outcome;
      break;
    }
  }
  report.left = (await waiting(userId)).length;
  return report;
}
