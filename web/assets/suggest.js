// Suggest a link: validated with the API's schema before sending; the API's 4xx messages and the workflow's
// reasons (an INVALID verdict) are shown beside the field they concern. What is typed is kept in sessionStorage
// so that a new sign-in (or a reload) loses nothing.
import { ApiError, call } from "./api.js";
import { forgetIdempotencyKey, idempotencyKeyFor } from "./idempotency.js";
import { submissionSchema, validate } from "./schema.js";
import { remember } from "./mine.js";

const FIELDS = ["url", "title", "description", "tags"];
const DRAFT = "bookmarks.draft";
const VERDICT_WAIT_MS = 15_000;

const byField = (name) => document.getElementById(`suggest-${name}`);
const errorOf = (name) => document.getElementById(`suggest-${name}-error`);

// Words for each broken rule; the rules themselves are the schema's.
const HINTS = {
  url: { pattern: "must start with http:// or https:// and contain no spaces" },
  title: { pattern: "must not contain control characters" },
  description: { pattern: "must not contain control characters" },
  tags: { pattern: "is letters, digits and hyphens, starting with a letter or digit" },
};

const NAMES = { url: "The link", title: "The title", description: "The description", tags: "A tag" };

function describe(error) {
  const label = NAMES[error.path] || "The suggestion";
  switch (error.keyword) {
    case "required":
    case "minLength":
      return error.path === "tags" ? "A tag cannot be empty." : `${label} is required.`;
    case "maxLength":
      return `${label} is at most ${error.limit} characters.`;
    case "maxItems":
      return `At most ${error.limit} tags.`;
    case "pattern":
      return error.path === "tags"
        ? `Each tag ${HINTS.tags.pattern}.`
        : `${label} ${(HINTS[error.path] || {}).pattern || "is not in the expected form"}.`;
    default:
      return `${label} is not valid.`;
  }
}

function clearErrors() {
  for (const name of FIELDS) {
    errorOf(name).hidden = true;
    errorOf(name).textContent = "";
    byField(name).removeAttribute("aria-invalid");
  }
  const general = document.getElementById("suggest-form-error");
  general.hidden = true;
  general.textContent = "";
}

function showError(name, message) {
  const target = FIELDS.includes(name) ? errorOf(name) : document.getElementById("suggest-form-error");
  target.textContent = target.textContent ? `${target.textContent}; ${message}` : message;
  target.hidden = false;
  if (FIELDS.includes(name)) byField(name).setAttribute("aria-invalid", "true");
}

// "url: the host name ... ; tags: ..." (the API's and the workflow's messages) → each part beside its field.
export function showMessages(text) {
  const inner = text.replace(/^Invalid request body:\s*/, "").replace(/^\[|\]$/g, "");
  for (const part of inner.split(/;\s*/)) {
    const match = /^(url|title|description|tags)(?:\/\d+)?\s*:?\s*(.*)$/.exec(part.trim());
    if (match) showError(match[1], match[2] || part);
    else showError("form", part);
  }
}

function focusFirstError() {
  const first = FIELDS.find((name) => !errorOf(name).hidden);
  if (first) byField(first).focus();
  else document.getElementById("suggest-form-error").focus?.();
}

function submission() {
  const value = (name) => byField(name).value.trim();
  const body = { url: value("url") };
  if (value("title")) body.title = value("title");
  if (value("description")) body.description = byField("description").value;
  const tags = value("tags").split(/[\s,]+/).filter(Boolean);
  if (tags.length) body.tags = tags;
  return body;
}

function saveDraft() {
  const draft = Object.fromEntries(FIELDS.map((name) => [name, byField(name).value]));
  sessionStorage.setItem(DRAFT, JSON.stringify(draft));
}

function restoreDraft() {
  try {
    const draft = JSON.parse(sessionStorage.getItem(DRAFT) || "{}");
    for (const name of FIELDS) if (typeof draft[name] === "string") byField(name).value = draft[name];
  } catch {
    sessionStorage.removeItem(DRAFT);
  }
}

function resetForm() {
  document.getElementById("suggest-form").reset();
  sessionStorage.removeItem(DRAFT);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits for the workflow's first verdict, so that an invalid link is explained beside the form it came from.
async function verdict(bookmarkId) {
  const deadline = Date.now() + VERDICT_WAIT_MS;
  let pause = 300;
  while (Date.now() < deadline) {
    const bookmark = await call("GET", `/bookmarks/${encodeURIComponent(bookmarkId)}`).catch(() => null);
    if (bookmark && bookmark.status !== "SUBMITTED") return bookmark;
    await sleep(pause);
    pause = Math.min(pause * 1.5, 2000);
  }
  return null;
}

async function send(event) {
  event.preventDefault();
  clearErrors();
  const status = document.getElementById("suggest-status");
  const body = submission();
  // Decided before the first await: a second click that starts while this one waits sends the same key.
  const key = idempotencyKeyFor(body);
  const errors = validate(await submissionSchema(), body);
  if (errors.length) {
    for (const error of errors) showError(error.path, describe(error));
    status.textContent = "Please correct the fields marked above.";
    focusFirstError();
    return;
  }
  const button = document.getElementById("suggest-send");
  button.disabled = true;
  status.textContent = "Sending…";
  try {
    const accepted = await call("POST", "/bookmarks", body, { "Idempotency-Key": key });
    forgetIdempotencyKey();
    remember({ bookmarkId: accepted.bookmarkId, url: body.url, title: body.title || body.url });
    status.textContent = "Sent. Checking the link…";
    const checked = await verdict(accepted.bookmarkId);
    if (checked && checked.status === "INVALID") {
      showMessages(checked.reasons || "The link is not valid");
      status.textContent = "The link was not accepted: see the reasons beside the fields.";
      focusFirstError();
      return;
    }
    resetForm();
    status.textContent = checked && checked.status === "DUPLICATE"
      ? "This link is already in the knowledge base: see My suggestions."
      : "Thank you: your suggestion waits for a manager. Follow it in My suggestions.";
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
      showMessages(error.message);
      status.textContent = "The suggestion was not accepted: see the messages below.";
      focusFirstError();
    } else {
      status.textContent = `Sending failed: ${error.message}. Your text is kept; try again.`;
    }
  } finally {
    button.disabled = false;
  }
}

export function setUpSuggest() {
  restoreDraft();
  const form = document.getElementById("suggest-form");
  form.addEventListener("input", saveDraft);
  form.addEventListener("submit", send);
}
