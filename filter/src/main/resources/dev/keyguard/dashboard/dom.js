// Building the page's DOM. Everything shown comes from text nodes: names and other values typed
// by people are never parsed as HTML.

/**
 * A new element: attrs are attributes (true for a bare one, null/false/undefined to skip),
 * children are nodes or strings (strings become text nodes), nested arrays flattened.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything in node by children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** The content of a <meta name="..."> of the page. */
export function meta(name) {
  const tag = document.querySelector(`meta[name="${name}"]`);
  return tag ? tag.content : '';
}

export const $ = (id) => document.getElementById(id);
