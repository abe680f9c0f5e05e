import { formatCount, plain, practitionerName } from '/ui/format.js';

/** What the live table says at a glance, and which practitioners a search keeps. */

export const communeName = (practitioner) => practitioner.communeName ?? practitioner.communeCode;

export const byFrench = (a, b) => a.localeCompare(b, 'fr');

/** Lower case, without accents or punctuation: "sainte anne" finds Sainte-Anne-d'Auray. */
export const searchable = (text) =>
  plain(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const isAvailable = (item) => item.freeSlots.length > 0 || item.newPatients.accepting;

/** The practitioners whose commune or name holds every word searched, available ones only if asked. */
export function filterLiveTable(items, { query = '', availableOnly = false } = {}) {
  const words = searchable(query).split(' ').filter(Boolean);
  return items.filter((item) => {
    if (availableOnly && !isAvailable(item)) return false;
    const text = searchable(
      `${communeName(item.practitioner)} ${practitionerName(item.practitioner)}`,
    );
    return words.every((word) => text.includes(word));
  });
}

/** Free slots and new-patient places over the whole territory, and the communes with no slot. */
export function territorySummary(items) {
  const freeByCommune = new Map();
  const summary = { slots: 0, withSlots: 0, places: 0, accepting: 0, communesWithout: [] };
  for (const item of items) {
    const free = item.freeSlots.length;
    const commune = communeName(item.practitioner);
    freeByCommune.set(commune, (freeByCommune.get(commune) ?? 0) + free);
    summary.slots += free;
    if (free > 0) summary.withSlots += 1;
    if (item.newPatients.accepting) {
      summary.accepting += 1;
      summary.places += item.newPatients.openPlaces;
    }
  }
  summary.communesWithout = [...freeByCommune]
    .filter(([, free]) => free === 0)
    .map(([commune]) => commune)
    .sort(byFrench);
  return summary;
}

const NAMED_COMMUNES = 5;

function communeList(communes) {
  if (communes.length <= NAMED_COMMUNES + 1) return communes.join(', ');
  const others = communes.length - NAMED_COMMUNES;
  return `${communes.slice(0, NAMED_COMMUNES).join(', ')} et ${others} autres communes`;
}

/** The summary in one sentence a coordinator reads at a glance. */
export function summaryText({ slots, withSlots, places, accepting, communesWithout }) {
  const parts = [
    slots === 0
      ? 'Aucun créneau libre'
      : `${formatCount(slots, 'créneau libre', 'créneaux libres')} chez ${formatCount(withSlots, 'médecin', 'médecins')}`,
    places === 0
      ? 'aucune place pour de nouveaux patients'
      : `${formatCount(places, 'place', 'places')} pour de nouveaux patients chez ${formatCount(accepting, 'médecin', 'médecins')}`,
  ];
  if (slots > 0 && communesWithout.length > 0) {
    parts.push(`aucun créneau à ${communeList(communesWithout)}`);
  }
  return `${parts.join(' · ')}.`;
}
