// The reader's books, most recent first, and the list view of them.

import { api } from './api.js';
import { h, show } from './dom.js';
import { ago, bookName, isoTime, percent, when } from './format.js';

/** Every book as /api/documents.all gives it, kept current by announces. */
export class Library {
  constructor() {
    this.docs = new Map();
    this.listeners = new Set();
  }

  async load() {
    // the list shows no history: a book's view reads its own (documents.get), so a large library
    // with long histories stays a small answer
    const all = await api('api/documents.all?history=0');
    this.docs = new Map(all.map((doc) => [doc.id, doc]));
    this.changed(null);
  }

  /** An announce (or an answer to a change made here): the book's new state. */
  apply(doc) {
    this.docs.set(doc.id, { ...this.docs.get(doc.id), ...doc });
    this.changed(doc.id);
  }

  newestFirst() {
    return [...this.docs.values()].sort((a, b) => b.timestamp - a.timestamp);
  }

  /** callback(id or null for everything) */
  subscribe(callback) {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  changed(id) {
    this.listeners.forEach((callback) => callback(id));
  }
}

function bookRow(doc) {
  const name = bookName(doc);
  return h('li', { dataset: { id: doc.id, search: `${name} ${doc.id}`.toLowerCase() } },
    h('a', { href: `#/book/${encodeURIComponent(doc.id)}`, class: 'book' },
      h('span', { class: 'name' }, name),
      h('span', { class: 'meta' },
        h('span', { class: 'device' }, doc.device || 'unknown device'),
        ' · ',
        h('time', { datetime: isoTime(doc.timestamp), title: when(doc.timestamp), dataset: { at: doc.timestamp } },
          ago(doc.timestamp))),
      h('span', { class: 'progress' },
        h('progress', { max: 1, value: Number(doc.percentage) || 0, 'aria-label': `${percent(doc.percentage)} read` }),
        h('span', { class: 'percent' }, percent(doc.percentage)))));
}

/** The list view: builds every row once, then moves only the row an announce names. */
export function booksView(library) {
  const list = h('ul', { id: 'books', class: 'books' });
  const count = h('p', { id: 'count', class: 'count', 'aria-live': 'polite' });
  const filter = h('input', {
    id: 'filter', type: 'search', placeholder: 'Name or document id', autocomplete: 'off',
  });
  const empty = h('p', { class: 'empty', hidden: true },
    'No books yet. Turn on Progress sync in KOReader and open a book: it appears here.');

  const applyFilter = () => {
    const words = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const row of list.children) {
      row.hidden = words !== '' && !row.dataset.search.includes(words);
      if (!row.hidden) shown += 1;
    }
    count.textContent = words === ''
      ? `${list.children.length} ${list.children.length === 1 ? 'book' : 'books'}`
      : `${shown} of ${list.children.length} books`;
    empty.hidden = library.docs.size > 0;
  };

  const renderAll = () => {
    const started = performance.now();
    const rows = document.createDocumentFragment();
    library.newestFirst().forEach((doc) => rows.append(bookRow(doc)));
    list.replaceChildren(rows);
    applyFilter();
    performance.measure('kosync:books-rendered', { start: started });
  };

  const renderOne = (id) => {
    const doc = library.docs.get(id);
    const old = [...list.children].find((row) => row.dataset.id === id);
    const row = bookRow(doc);
    if (old) old.remove();
    list.prepend(row);
    row.classList.add('moved');
    applyFilter();
  };

  filter.addEventListener('input', applyFilter);
  filter.addEventListener('change', applyFilter);
  const unsubscribe = library.subscribe((id) => (id === null ? renderAll() : renderOne(id)));
  renderAll();
  show('Books',
    h('section', { 'aria-labelledby': 'books-title' },
      h('div', { class: 'heading' },
        h('h1', { id: 'books-title' }, 'Books'),
        count),
      h('p', { class: 'field search' },
        h('label', { for: 'filter' }, 'Find a book'),
        filter),
      empty,
      list));
  return unsubscribe;
}

/** Relative times age: refresh them each minute without rebuilding anything. */
export function keepTimesFresh() {
  setInterval(() => {
    document.querySelectorAll('time[data-at]').forEach((time) => {
      time.textContent = ago(Number(time.dataset.at));
    });
  }, 60000);
}
