// Sign-in with the Cognito user pool (USER_PASSWORD_AUTH against the configured Cognito endpoint).
// Tokens live in sessionStorage: they end with the tab, and never reach the URL.
import { config } from "./config.js";

const KEY = "bookmarks.session";
const listeners = new Set();

export class SignInFailed extends Error {}

function decode(token) {
  const payload = token.split(".")[1] || "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

export function current() {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw);
    const claims = decode(stored.idToken);
    const groups = claims["cognito:groups"] || [];
    return {
      idToken: stored.idToken,
      accessToken: stored.accessToken,
      username: claims["cognito:username"] || "",
      isManager: groups.includes("managers"),
      expiresAt: (claims.exp || 0) * 1000,
    };
  } catch {
    return null;
  }
}

export function isFresh(session) {
  return session !== null && session.expiresAt - 30_000 > Date.now();
}

async function cognito(action, body) {
  const settings = await config();
  const response = await fetch(settings.cognitoEndpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new SignInFailed(answer.message || `Cognito answered ${response.status}`);
  return answer;
}

export async function signIn(username, password) {
  const settings = await config();
  const answer = await cognito("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: settings.userPoolClientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  const result = answer.AuthenticationResult;
  if (!result) throw new SignInFailed("This account needs a step the app does not offer; ask an administrator");
  const previous = current();
  sessionStorage.setItem(KEY, JSON.stringify({ idToken: result.IdToken, accessToken: result.AccessToken }));
  const now = current();
  for (const listener of listeners) listener(now, previous);
  return now;
}

export async function signOut() {
  const session = current();
  sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener(null, session);
  if (session && session.accessToken) {
    // Ends every token of this sign-in on the server too; signing out locally does not wait for it.
    await cognito("GlobalSignOut", { AccessToken: session.accessToken }).catch(() => {});
  }
}

export function onChange(listener) {
  listeners.add(listener);
}
