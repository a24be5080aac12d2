// For managers: suggestions that wait for a decision, oldest first, each with the approval page's signed link
// (the server signs it; the task token never leaves the server).
import { call, query } from "./api.js";
import { duration, el, externalLink, safeHref, tagList, when } from "./dom.js";

let nextToken = null;

function card(approval) {
  const page = safeHref(approval.approvalLink);
  return el("li", { class: "card" },
    el("h2", {}, externalLink(approval.url, approval.title || approval.url)),
    el("p", { class: "url" }, approval.url),
    tagList(approval.tags),
    el("p", { class: "meta" }, `Suggested by ${approval.submitter} · waiting ${duration(approval.waitingSeconds)} (since `,
      when(approval.createdAt), ")"),
    page ? el("p", {}, el("a", { class: "button", href: page, target: "_blank", rel: "noopener noreferrer" },
      "Open the approval page", el("span", { class: "visually-hidden" }, ` for ${approval.title || approval.url}`))) : null);
}

async function load(append) {
  const summary = document.getElementById("waiting-summary");
  try {
    const page = await call("GET", query("/approvals", { limit: "20", nextToken: append ? nextToken : "" }));
    const list = document.getElementById("waiting-list");
    if (append) list.append(...page.items.map(card));
    else list.replaceChildren(...page.items.map(card));
    nextToken = page.nextToken || null;
    document.getElementById("waiting-more").hidden = !nextToken;
    const count = list.children.length;
    summary.textContent = count ? `${count} suggestion${count === 1 ? "" : "s"} waiting.` : "Nothing waits for a decision.";
  } catch (error) {
    summary.textContent = `Could not load: ${error.message}`;
  }
}

export function setUpWaiting() {
  document.getElementById("waiting-more").addEventListener("click", () => load(true));
}

export function showWaiting() {
  load(false);
}
