// My suggestions, live: polls while something can still change (fast at first, backing off while nothing
// moves), and shows each status with what explains it.
import { call, query } from "./api.js";
import { el, externalLink, tagList, when } from "./dom.js";

const PENDING = "bookmarks.sent";
const FINAL = new Set(["APPROVED", "REJECTED", "DUPLICATE", "INVALID", "EXPIRED", "FAILED"]);
const FAST_MS = 1000;
const SLOW_MS = 15_000;
const LABELS = {
  SUBMITTED: "Submitted",
  PENDING_APPROVAL: "Waiting for a manager",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  DUPLICATE: "Already in the knowledge base",
  INVALID: "Not a valid link",
  EXPIRED: "Expired: no manager decided in time",
  FAILED: "Failed: the workflow could not finish",
};

// The approval's events as the API's auditTrail names them (AuditEntry in api/openapi.yaml).
const EVENTS = {
  FIRST_APPROVAL: "First of two approvals",
  REMINDER: "Managers reminded",
  ESCALATION: "Escalated to more managers",
  EXPIRY: "Expired",
  APPROVED: "Approved",
  REJECTED: "Rejected",
};
const SERVICE = "bookmarks-flow";

let timer = null;
let pause = FAST_MS;
let active = false;
let extra = [];
let nextToken = null;
let lastSignature = "";
const existing = new Map();
const openHistories = new Set();

function sent() {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING) || "[]");
  } catch {
    return [];
  }
}

// A submission the list cannot show yet (its workflow has not recorded it): shown as SUBMITTED meanwhile.
export function remember(bookmark) {
  sessionStorage.setItem(PENDING, JSON.stringify([{ ...bookmark, status: "SUBMITTED" }, ...sent()].slice(0, 20)));
  pause = FAST_MS;
  if (active) schedule(0);
}

async function existingBookmark(bookmarkId) {
  if (!existing.has(bookmarkId)) {
    existing.set(bookmarkId, await call("GET", `/bookmarks/${encodeURIComponent(bookmarkId)}`).catch(() => null));
  }
  return existing.get(bookmarkId);
}

async function explanation(bookmark) {
  switch (bookmark.status) {
    case "REJECTED": {
      const decision = (bookmark.decisions || []).at(-1) || {};
      return el("p", { class: "explain" }, `${decision.decidedBy || "A manager"} said: `,
        el("q", {}, decision.comment || "(no comment)"));
    }
    case "APPROVED": {
      const decision = (bookmark.decisions || []).at(-1) || {};
      return el("p", { class: "explain" }, `Approved by ${decision.decidedBy || "a manager"}`,
        decision.comment ? [": ", el("q", {}, decision.comment)] : "");
    }
    case "DUPLICATE": {
      const original = bookmark.duplicateOf ? await existingBookmark(bookmark.duplicateOf) : null;
      if (!original) return el("p", { class: "explain" }, "The link was suggested before.");
      return el("p", { class: "explain duplicate" }, "The existing bookmark: ",
        externalLink(original.url, original.title || original.url), ` (${LABELS[original.status] || original.status})`);
    }
    case "INVALID":
      return el("p", { class: "explain" }, `Reasons: ${bookmark.reasons || "not given"}`);
    case "EXPIRED":
      return el("p", { class: "explain" }, "You may suggest it again.");
    default:
      return null;
  }
}

// Who did what and when: reminders and escalation while it waits, then the decisions. "My suggestions" lists
// from an index that does not hold the trail, so it is read from GET /bookmarks/{id} when opened (and again when
// the card is redrawn open); it stays open across refreshes.
function history(bookmark) {
  if (bookmark.status === "SUBMITTED") return null;
  const list = el("ol", {});
  const details = el("details", { class: "history" }, el("summary", {}, "History"), list);
  const load = async () => {
    const found = await call("GET", `/bookmarks/${encodeURIComponent(bookmark.bookmarkId)}`).catch(() => null);
    const trail = (found && found.auditTrail) || [];
    list.replaceChildren(...(trail.length ? trail.map(entry) : [el("li", {}, "Nothing yet: no reminder, no decision.")]));
  };
  details.addEventListener("toggle", () => {
    if (details.open) {
      openHistories.add(bookmark.bookmarkId);
      load();
    } else {
      openHistories.delete(bookmark.bookmarkId);
    }
  });
  details.open = openHistories.has(bookmark.bookmarkId);
  return details;
}

// A manager's comment is shown; the service's own notes ("No decision after deadline 0 ...") are for operators.
function entry(event) {
  const person = event.by && event.by !== SERVICE;
  return el("li", {},
    EVENTS[event.event] || event.event,
    person ? ` by ${event.by}` : "",
    event.at ? [", ", when(event.at)] : "",
    person && event.comment ? [": ", el("q", {}, event.comment)] : "");
}

async function card(bookmark) {
  return el("li", { class: `card status-${bookmark.status.toLowerCase()}`, "data-bookmark-id": bookmark.bookmarkId },
    el("h2", {}, externalLink(bookmark.url, bookmark.title || bookmark.url)),
    el("p", { class: "url" }, bookmark.url),
    el("p", { class: "status" }, el("span", { class: "badge", "data-status": bookmark.status }, LABELS[bookmark.status] || bookmark.status)),
    await explanation(bookmark),
    history(bookmark),
    tagList(bookmark.tags),
    bookmark.createdAt ? el("p", { class: "meta" }, "Suggested ", when(bookmark.createdAt)) : null);
}

async function refresh() {
  const page = await call("GET", query("/me/bookmarks", { limit: "20" }));
  const listed = new Set(page.items.map((item) => item.bookmarkId));
  // Local submissions the list does not hold yet; asked for one by one (GET /bookmarks/{id} knows SUBMITTED).
  const waiting = sent().filter((item) => !listed.has(item.bookmarkId));
  const looked = await Promise.all(waiting.map((item) =>
    call("GET", `/bookmarks/${encodeURIComponent(item.bookmarkId)}`).then((found) => ({ ...item, ...found })).catch(() => item)));
  sessionStorage.setItem(PENDING, JSON.stringify(waiting));
  const items = [...looked, ...page.items];
  if (extra.length === 0) nextToken = page.nextToken || null;
  const signature = JSON.stringify(items.map((item) => [item.bookmarkId, item.status]));
  if (signature !== lastSignature) {
    lastSignature = signature;
    pause = FAST_MS;
    const cards = await Promise.all([...items, ...extra].map(card));
    document.getElementById("mine-list").replaceChildren(...cards);
    document.getElementById("mine-more").hidden = !page.nextToken;
    document.getElementById("mine-summary").textContent = items.length
      ? `${items.length} recent suggestion${items.length === 1 ? "" : "s"}.`
      : "You have not suggested anything yet.";
  } else {
    pause = Math.min(pause * 2, SLOW_MS);
  }
  return items.some((item) => !FINAL.has(item.status));
}

function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    if (!active) return;
    let moving = true;
    try {
      moving = await refresh();
    } catch (error) {
      document.getElementById("mine-summary").textContent = `Could not refresh: ${error.message}`;
    }
    schedule(moving ? pause : SLOW_MS);
  }, delay);
}

async function more() {
  if (!nextToken) return;
  const page = await call("GET", query("/me/bookmarks", { limit: "20", nextToken }));
  extra = [...extra, ...page.items];
  nextToken = page.nextToken || null;
  document.getElementById("mine-list").append(...(await Promise.all(page.items.map(card))));
  document.getElementById("mine-more").hidden = !nextToken;
}

export function setUpMine() {
  document.getElementById("mine-more").addEventListener("click", more);
}

export function showMine(visible) {
  active = visible;
  if (visible) {
    pause = FAST_MS;
    lastSignature = "";
    extra = [];
    nextToken = null;
    schedule(0);
  } else {
    clearTimeout(timer);
  }
}

export function forgetMine() {
  sessionStorage.removeItem(PENDING);
  document.getElementById("mine-list").replaceChildren();
  lastSignature = "";
}
