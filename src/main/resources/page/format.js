// How a book, a time and a position read for a person.

/** The name a person gave, else the title KOReader sent, else the id shortened. */
export function bookName(doc) {
  if (doc.pretty_name) return doc.pretty_name;
  if (doc.title) return doc.title;
  return shortId(doc.id || doc.document);
}

export function shortId(id) {
  return id && id.length > 12 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id || '';
}

/** 0.4567 → "45.7 %" (KOReader sends a fraction) */
export function percent(fraction) {
  const value = Math.max(0, Math.min(1, Number(fraction) || 0)) * 100;
  return `${value >= 10 || value === 0 ? value.toFixed(0) : value.toFixed(1)} %`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const steps = [
  [60, 'second'], [60, 'minute'], [24, 'hour'], [7, 'day'], [4.35, 'week'], [12, 'month'],
  [Infinity, 'year'],
];

/** Unix seconds → "3 minutes ago" */
export function ago(seconds, now = Date.now()) {
  let amount = (seconds * 1000 - now) / 1000;
  if (Math.abs(amount) < 45) return 'just now';
  for (const [size, unit] of steps) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return '';
}

/** Unix seconds → the exact local time, for a title or a timeline */
export function when(seconds) {
  return exact.format(new Date(seconds * 1000));
}

export function isoTime(seconds) {
  return new Date(seconds * 1000).toISOString();
}
