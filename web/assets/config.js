// The runtime configuration, written from the stack's outputs (locally by `bookmarks local`, on AWS by
// `bookmarks deploy-web`): never typed by hand.
let loaded = null;

export async function config() {
  if (loaded === null) {
    const response = await fetch("config.json", { cache: "no-cache" });
    if (!response.ok) throw new Error(`config.json: ${response.status}`);
    loaded = await response.json();
  }
  return loaded;
}
