/**
 * Builds an element. Children that are strings or numbers become text nodes, so nothing a
 * platform or a GP typed is ever parsed as HTML; `on<event>` props become listeners.
 */
export function el(tag, props = {}, ...children) {
  return build(document.createElement(tag), props, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag, props = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(node, props, children) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'className') node.setAttribute('class', value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'object' ? child : String(child));
  }
}

/** Empties a container and fills it again. */
export function fill(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

export const byId = (id) => document.getElementById(id);

/** A row of buttons, laid out by the `.actions` style. */
export const actions = (...buttons) => el('div', { className: 'actions' }, ...buttons);

/** A button that never submits a form (`type="button"`). */
export const button = (props, ...children) =>
  el('button', { type: 'button', ...props }, ...children);
