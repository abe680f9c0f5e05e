import { el } from './dom.js';
import { formatOpeningHours, formatPhone } from './format.js';
import { REDIRECT_LABELS } from './words.js';

/** A redirect target as people read it: name, kind, open now or not, how to reach it, hours. */
export function redirectTargetLines(target) {
  return [
    el(
      'p',
      {},
      el('strong', {}, target.name),
      ` — ${REDIRECT_LABELS[target.kind] ?? target.kind} `,
      el(
        'span',
        { className: target.openNow ? 'badge open' : 'badge closed' },
        target.openNow ? 'ouvert maintenant' : 'fermé maintenant',
      ),
    ),
    el(
      'p',
      {},
      [target.phone && `Tél. ${formatPhone(target.phone)}`, target.address]
        .filter(Boolean)
        .join(' · '),
    ),
    el('p', { className: 'muted' }, formatOpeningHours(target.hours)),
  ];
}
