// Builds DOM nodes from data without ever parsing data as HTML: names and ids come from devices.

/** h('p', {class: 'x', onclick: f}, 'text', child) */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/**
 * Replaces what <main> shows; a new view also gets the focus, for keyboards and screen readers
 * (the same view redrawn by a live update leaves the focus where the person is).
 */
export function show(title, ...children) {
  const main = $('#main');
  const heading = title ? `${title} · KOsync` : 'KOsync';
  const isNew = document.title !== heading;
  main.replaceChildren(...children);
  document.title = heading;
  if (isNew) main.focus({ preventScroll: true });
}

let messageTimer;

/** A message for the person: an error (role=alert) or a short confirmation. */
export function say(text, kind = 'error') {
  const box = $('#message');
  clearTimeout(messageTimer);
  box.hidden = !text;
  box.className = kind;
  box.textContent = text || '';
  if (text && kind !== 'error') messageTimer = setTimeout(() => say(''), 6000);
}

/** Asks in the page's <dialog>; resolves true when confirmed. */
export function confirmed(title, text, action = 'Confirm') {
  const dialog = $('#confirm');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = text;
  $('#confirm-yes').textContent = action;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
  });
}

/** A labelled input: the label names it for assistive technology and is clickable. */
export function field(id, label, attributes = {}) {
  return h('p', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name: id, ...attributes }));
}

/** Disables a form while its request runs, so a double click sends once. */
export async function busy(form, work) {
  const controls = [...form.querySelectorAll('button, input')];
  controls.forEach((c) => { c.disabled = true; });
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    controls.forEach((c) => { c.disabled = false; });
    form.removeAttribute('aria-busy');
  }
}
