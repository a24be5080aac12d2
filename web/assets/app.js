// The app's shell: sign-in, the sections (#find, #suggest, #mine, #waiting) and moving between them.
import { whenSignInIsNeeded } from "./api.js";
import { config } from "./config.js";
import { setUpFind, showFind } from "./find.js";
import { forgetMine, setUpMine, showMine } from "./mine.js";
import { current, isFresh, onChange, signIn, signOut, SignInFailed } from "./session.js";
import { setUpSuggest } from "./suggest.js";
import { setUpWaiting, showWaiting } from "./waiting.js";

const VIEWS = ["find", "suggest", "mine", "waiting"];
const $ = (id) => document.getElementById(id);
let waitingForSignIn = [];

function openSignIn(reason) {
  const dialog = $("sign-in-dialog");
  $("sign-in-dialog-reason").textContent = reason;
  $("sign-in-error").hidden = true;
  const previous = current();
  if (previous && previous.username) $("sign-in-username").value = previous.username;
  if (!dialog.open) dialog.showModal();
  (previous && previous.username ? $("sign-in-password") : $("sign-in-username")).focus();
  return new Promise((resolve) => waitingForSignIn.push(resolve));
}

function route() {
  const session = current();
  const signedIn = isFresh(session);
  $("loading").hidden = true;
  $("nav").hidden = !signedIn;
  $("who").hidden = !signedIn;
  $("nav-waiting").hidden = !(signedIn && session.isManager);
  if (signedIn) $("who-name").textContent = `Signed in as ${session.username}`;
  let view = location.hash.replace("#", "") || "find";
  if (!VIEWS.includes(view) || (view === "waiting" && !(signedIn && session.isManager))) view = "find";
  $("view-sign-in").hidden = signedIn;
  for (const name of VIEWS) $(`view-${name}`).hidden = !signedIn || name !== view;
  for (const link of document.querySelectorAll("#nav a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  showMine(signedIn && view === "mine");
  if (!signedIn) return;
  if (view === "find") showFind();
  if (view === "waiting") showWaiting();
  document.title = `${$(`${view}-heading`).textContent} · Team bookmarks`;
}

async function submitSignIn(event) {
  event.preventDefault();
  const username = $("sign-in-username").value.trim();
  const password = $("sign-in-password").value;
  const error = $("sign-in-error");
  if (!username || !password) {
    error.textContent = "Enter your user name and password.";
    error.hidden = false;
    return;
  }
  $("sign-in-submit").disabled = true;
  try {
    const previous = current();
    const session = await signIn(username, password);
    $("sign-in-password").value = "";
    $("sign-in-dialog").close();
    const resumed = waitingForSignIn;
    waitingForSignIn = [];
    for (const resolve of resumed) resolve(session);
    if (!previous || previous.username !== session.username || resumed.length === 0) route();
  } catch (failure) {
    error.textContent = failure instanceof SignInFailed ? `Sign-in failed: ${failure.message}` : `Sign-in failed: ${failure.message}`;
    error.hidden = false;
    $("sign-in-password").focus();
  } finally {
    $("sign-in-submit").disabled = false;
  }
}

async function start() {
  await config();
  setUpFind();
  setUpSuggest();
  setUpMine();
  setUpWaiting();
  whenSignInIsNeeded(openSignIn);
  $("sign-in-form").addEventListener("submit", submitSignIn);
  // Without a session there is nothing to go back to: the dialog stays until someone signs in.
  $("sign-in-dialog").addEventListener("cancel", (event) => event.preventDefault());
  $("sign-out").addEventListener("click", async () => {
    forgetMine();
    await signOut();
    sessionStorage.removeItem("bookmarks.draft");
    $("suggest-form").reset();
    location.hash = "";
    route();
    openSignIn("You have signed out.");
  });
  onChange((session, previous) => {
    // Someone else signing in on this tab must not see the previous person's list.
    if (previous && session && previous.username !== session.username) forgetMine();
  });
  addEventListener("hashchange", () => {
    route();
    $("main").focus();
  });
  route();
  if (!isFresh(current())) openSignIn(current() ? "Your session has ended. Sign in again." : "Sign in with your team account.");
}

start().catch((error) => {
  $("loading").textContent = `The app could not start: ${error.message}`;
});
