// The bookmarks API. An expired or refused session asks the person to sign in again, then retries the call once:
// nothing typed is lost, because the page is never left.
import { config } from "./config.js";
import { current, isFresh } from "./session.js";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let reauthenticate = async () => {
  throw new ApiError(401, "Sign in first");
};

export function whenSignInIsNeeded(handler) {
  reauthenticate = handler;
}

async function send(method, path, body, session, extraHeaders) {
  const settings = await config();
  const base = new URL(settings.apiUrl.replace(/\/?$/, "/"), location.href);
  const headers = { ...extraHeaders, Authorization: session.idToken };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(new URL(path.replace(/^\//, ""), base), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// extraHeaders go with the call and its retry unchanged (an Idempotency-Key makes the retry safe).
export async function call(method, path, body, extraHeaders = {}) {
  let session = current();
  if (!isFresh(session)) session = await reauthenticate("Your session has ended. Sign in again to carry on.");
  let response = await send(method, path, body, session, extraHeaders);
  if (response.status === 401) {
    session = await reauthenticate("Your session has ended. Sign in again to carry on.");
    response = await send(method, path, body, session, extraHeaders);
  }
  const answer = await response.json().catch(() => ({ message: `The API answered ${response.status}` }));
  if (!response.ok) throw new ApiError(response.status, answer.message || `The API answered ${response.status}`);
  return answer;
}

export function query(path, parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
