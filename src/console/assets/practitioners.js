import { allItems } from '/ui/api.js';

let practitioners;

/** The CPTS's active practitioners, read once per page (every page of the list). */
export async function allPractitioners() {
  practitioners ??= await allItems('/practitioners', { active: 'true' });
  return practitioners;
}
