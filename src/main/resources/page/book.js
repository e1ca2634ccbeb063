// One book: where it stands, how it got there, its name, and its id.

import { api } from './api.js';
import { busy, h, say, show } from './dom.js';
import { ago, bookName, isoTime, percent, when } from './format.js';

function entry(state, label) {
  return h('li', {},
    h('span', { class: 'percent' }, percent(state.percentage)),
    h('span', { class: 'device' }, state.device || 'unknown device'),
    h('time', { datetime: isoTime(state.timestamp), title: when(state.timestamp), dataset: { at: state.timestamp } },
      ago(state.timestamp)),
    label ? h('span', { class: 'tag' }, label) : null,
    h('code', { class: 'position', title: 'Position in the book, as KOReader names it' }, state.progress));
}

function notFound() {
  show('Book', h('section', {},
    h('h1', {}, 'Book not found'),
    h('p', {}, 'This book is not on the server, or not any more. ', h('a', { href: '#/' }, 'Back to the books'))));
}

export function bookView(library, id) {
  if (!library.docs.get(id)) {
    notFound();
    return () => {};
  }
  let history = null; // read on its own: the list carries none
  let left = false;
  const render = () => {
    const current = library.docs.get(id);
    if (!current) {
      notFound();
      return;
    }
    const nameInput = h('input', {
      id: 'rename-input', value: current.pretty_name || '', maxlength: 256, autocomplete: 'off',
      placeholder: 'The title KOReader sent, or the id',
      'aria-describedby': 'rename-hint',
    });
    const renameForm = h('form', { id: 'rename-form', class: 'inline' },
      h('p', { class: 'field' },
        h('label', { for: 'rename-input' }, 'Name'),
        nameInput,
        h('small', { id: 'rename-hint' }, 'Leave empty to show the title KOReader sent, or the id.')),
      h('button', { id: 'rename-submit', type: 'submit' }, 'Rename'));
    renameForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const renamed = await busy(renameForm, () => api('api/documents.update', {
          method: 'PUT', body: { id, pretty_name: nameInput.value },
        }));
        library.apply({ ...library.docs.get(id), pretty_name: renamed.pretty_name });
        say('Renamed.', 'info');
      } catch (error) {
        say(error.message);
      }
    });
    const idInput = h('input', { id: 'book-id', value: id, readonly: true, class: 'mono' });
    const copy = h('button', { id: 'copy-id', type: 'button', class: 'quiet' }, 'Copy');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(id);
        say('Document id copied.', 'info');
      } catch {
        idInput.select(); // without clipboard access (plain HTTP), the person copies it
        say('Press Ctrl+C (or ⌘C) to copy the selected id.', 'info');
      }
    });
    let timeline;
    if (history === null) timeline = h('p', { class: 'empty', 'aria-busy': 'true' }, 'Reading the history…');
    else if (history.length === 0) timeline = h('p', { class: 'empty' }, 'No earlier positions yet.');
    else timeline = null;
    show(bookName(current),
      h('section', { 'aria-labelledby': 'book-name' },
        h('p', {}, h('a', { href: '#/' }, '← All books')),
        h('h1', { id: 'book-name' }, bookName(current)),
        h('p', { class: 'progress big' },
          h('progress', { max: 1, value: Number(current.percentage) || 0, 'aria-label': `${percent(current.percentage)} read` }),
          h('span', { class: 'percent' }, percent(current.percentage))),
        h('p', {}, `Last read on ${current.device || 'an unknown device'}, `,
          h('time', { datetime: isoTime(current.timestamp), title: when(current.timestamp) }, when(current.timestamp)), '.'),
        renameForm,
        h('p', { class: 'field' },
          h('label', { for: 'book-id' }, 'Document id'),
          h('span', { class: 'inline' }, idInput, copy)),
        h('h2', {}, 'History'),
        h('ol', { id: 'history', class: 'timeline', dataset: { loaded: history !== null } },
          entry(current, 'now'),
          (history || []).map((state) => entry(state))),
        timeline));
  };
  const load = async () => {
    try {
      const whole = await api(`api/documents.get?id=${encodeURIComponent(id)}`);
      if (left) return;
      history = whole.history || [];
      library.docs.set(id, { ...library.docs.get(id), ...whole, history: undefined });
      render();
    } catch (error) {
      if (!left) say(error.message);
    }
  };
  render();
  load();
  const unsubscribe = library.subscribe((changed) => {
    if (changed !== id && changed !== null) return;
    if (document.activeElement?.id !== 'rename-input') render();
    load(); // the state it replaced is history now
  });
  return () => {
    left = true;
    unsubscribe();
  };
}
