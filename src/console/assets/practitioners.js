import { api } from '/ui/api.js';

let practitioners;

/** The CPTS's active practitioners, read once per page (every page of the list). */
export async function allPractitioners() {
  if (practitioners) return practitioners;
  const found = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ active: 'true', limit: '500' });
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/practitioners?${query}`);
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  practitioners = found;
  return found;
}
