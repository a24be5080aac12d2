// The Idempotency-Key of one suggestion: made once, when a body is first sent, and sent again with every retry
// of that same body (a double click, a retry after a network error or a new sign-in, a reload), so the API
// creates one bookmark. A changed body is another suggestion and gets a new key (the API answers 409 to a key
// reused with another body). Kept in sessionStorage beside the draft; forgotten once the API accepted it.
const PENDING = "bookmarks.pending-suggestion";

// 32 random bytes in base64url: 43 characters of A-Z a-z 0-9 - _, the API's pattern for the header.
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function pending() {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING) || "null");
  } catch {
    return null;
  }
}

export function idempotencyKeyFor(body) {
  const text = JSON.stringify(body);
  const kept = pending();
  if (kept && kept.body === text && typeof kept.key === "string") return kept.key;
  const key = newKey();
  sessionStorage.setItem(PENDING, JSON.stringify({ key, body: text }));
  return key;
}

export function forgetIdempotencyKey() {
  sessionStorage.removeItem(PENDING);
}
