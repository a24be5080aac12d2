// Building DOM from data: text always goes through textContent, never innerHTML.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Only http and https links become clickable; anything else (javascript:, data:...) is shown as text.
export function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function externalLink(url, text) {
  const href = safeHref(url);
  if (href === null) return el("span", { class: "unsafe-link" }, text || url);
  return el("a", { href, target: "_blank", rel: "noopener noreferrer" }, text || url);
}

export function when(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return el("span", {}, "");
  return el("time", { datetime: date.toISOString() }, date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
}

export function duration(seconds) {
  const units = [["day", 86400], ["hour", 3600], ["minute", 60]];
  for (const [unit, size] of units) {
    if (seconds >= size) {
      const count = Math.floor(seconds / size);
      return `${count} ${unit}${count === 1 ? "" : "s"}`;
    }
  }
  return "less than a minute";
}

export function tagList(tags) {
  if (!tags || tags.length === 0) return null;
  return el("ul", { class: "tags", "aria-label": "Tags" }, tags.map((tag) => el("li", {}, tag)));
}

export function show(node, visible) {
  node.hidden = !visible;
}
