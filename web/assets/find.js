// Find: approved bookmarks, newest first, by words (title, URL, description, tags) and tag, a page at a time.
import { call, query } from "./api.js";
import { el, externalLink, tagList, when } from "./dom.js";

const PAGE = "20";
let nextToken = null;
let shown = 0;
let criteria = { q: "", tag: "" };
const seenTags = new Set();

function card(bookmark) {
  for (const tag of bookmark.tags || []) seenTags.add(tag);
  return el("li", { class: "card" },
    el("h2", {}, externalLink(bookmark.url, bookmark.title || bookmark.url)),
    el("p", { class: "url" }, bookmark.url),
    bookmark.description ? el("p", { class: "description" }, bookmark.description) : null,
    tagList(bookmark.tags),
    el("p", { class: "meta" }, `Added by ${bookmark.submitter || "someone"} · `, when(bookmark.updatedAt || bookmark.createdAt)));
}

function describe() {
  const parts = [];
  if (criteria.q) parts.push(`matching “${criteria.q}”`);
  if (criteria.tag) parts.push(`tagged ${criteria.tag}`);
  const what = parts.length ? ` ${parts.join(" and ")}` : "";
  if (shown === 0) return nextToken ? `Nothing${what} yet; more to look through.` : `No approved bookmarks${what}.`;
  return `${shown} approved bookmark${shown === 1 ? "" : "s"}${what}${nextToken ? " so far" : ""}.`;
}

async function load(append) {
  const summary = document.getElementById("find-summary");
  summary.textContent = "Searching…";
  try {
    const page = await call("GET", query("/search", { ...criteria, limit: PAGE, nextToken: append ? nextToken : "" }));
    const list = document.getElementById("find-results");
    const cards = page.items.map(card);
    if (append) list.append(...cards);
    else list.replaceChildren(...cards);
    shown = (append ? shown : 0) + page.items.length;
    nextToken = page.nextToken || null;
    document.getElementById("find-more").hidden = !nextToken;
    document.getElementById("find-tags").replaceChildren(...[...seenTags].sort().map((tag) => el("option", { value: tag })));
    summary.textContent = describe();
  } catch (error) {
    summary.textContent = `The search failed: ${error.message}`;
  }
}

export function setUpFind() {
  document.getElementById("find-form").addEventListener("submit", (event) => {
    event.preventDefault();
    criteria = {
      q: document.getElementById("find-q").value.trim(),
      tag: document.getElementById("find-tag").value.trim().toLowerCase(),
    };
    load(false);
  });
  document.getElementById("find-more").addEventListener("click", () => load(true));
}

export function showFind() {
  load(false);
}
