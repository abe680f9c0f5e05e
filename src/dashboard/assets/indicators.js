import { api } from '/ui/api.js';
import { byId, el, fill, svg } from '/ui/dom.js';
import {
  addDays,
  formatDay,
  formatNumber,
  formatPercent,
  parisToday,
  parisToIso,
} from '/ui/format.js';
import { UNMET_REASON_LABELS } from '/ui/words.js';

const SERIES = [
  ['filed', 'Déposées', 'bar-filed'],
  ['oriented', 'Orientées', 'bar-oriented'],
  ['unmet', 'Non satisfaites', 'bar-unmet'],
];

export function defaultPeriod() {
  const to = parisToday();
  byId('period-from').value = addDays(to, -29);
  byId('period-to').value = to;
}

function periodQuery() {
  const from = parisToIso(byId('period-from').value);
  const to = parisToIso(addDays(byId('period-to').value, 1));
  return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

export async function loadIndicators() {
  renderIndicators(await api(`/monitoring/indicators?${periodQuery()}`));
}

/** Downloads the CSV through the API (it answers CSV on `Accept: text/csv`), then hands it over. */
export async function downloadCsv() {
  const response = await api(`/monitoring/indicators?${periodQuery()}`, { accept: 'text/csv' });
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    'indicateurs.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function figure(label, value, note) {
  return el(
    'div',
    { className: 'figure' },
    el('dt', {}, label),
    el('dd', {}, value, note ? el('small', {}, note) : null),
  );
}

function figures(data) {
  const { requests, urgent, timeToOrientation, unmet, referringPhysician, offers } = data;
  const { slots, practitioners, appointments, notifications } = data;
  const all = timeToOrientation.all;
  return el(
    'dl',
    { className: 'figures' },
    figure(
      'Demandes',
      requests.total,
      `${requests.byKind.urgent} SNP · ${requests.byKind.referring_physician} médecin traitant`,
    ),
    figure(
      'SNP : rendez-vous sous 24 h',
      formatPercent(urgent.bookedWithin24h.share),
      `${urgent.bookedWithin24h.count} sur ${urgent.total}`,
    ),
    figure(
      'SNP : rendez-vous sous 48 h',
      formatPercent(urgent.bookedWithin48h.share),
      `${urgent.bookedWithin48h.count} sur ${urgent.total}`,
    ),
    figure(
      'Délai d’orientation médian',
      `${formatNumber(all.medianMinutes)} min`,
      `90e centile : ${formatNumber(all.p90Minutes)} min`,
    ),
    figure('Non satisfaites', unmet.total),
    figure(
      'Médecins traitants attribués',
      referringPhysician.assigned,
      `sur ${referringPhysician.total} demandes`,
    ),
    figure(
      'Propositions',
      offers.made,
      `${offers.accepted} acceptées · ${offers.declined} refusées · ${offers.expired} expirées`,
    ),
    figure(
      'Créneaux SNP',
      `${slots.booked} / ${slots.published}`,
      `réservés / publiés (${formatPercent(slots.bookedShare)})`,
    ),
    figure(
      'Médecins participants',
      practitioners.participating,
      `${practitioners.staleAvailability} sans mise à jour depuis 7 jours`,
    ),
    figure(
      'Absences',
      formatPercent(appointments.noShowRate),
      `${appointments.noShow} sur ${appointments.withOutcome} issues connues`,
    ),
    figure('Notifications', notifications.sent, `envoyées · ${notifications.failed} échouées`),
  );
}

/** Grouped bars per day, in plain SVG; the same figures follow in a table. */
function dailyChart(daily) {
  const width = 720;
  const height = 200;
  const top = 10;
  const bottom = 24;
  const left = 30;
  const max = Math.max(1, ...daily.flatMap((day) => SERIES.map(([key]) => day[key])));
  const step = (width - left) / Math.max(daily.length, 1);
  const bar = Math.max(1, (step - 2) / SERIES.length);
  const y = (value) => top + (height - top - bottom) * (1 - value / max);
  const labelEvery = Math.ceil(daily.length / 10);
  return svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': 'daily-title',
      className: 'chart',
    },
    svg('title', { id: 'daily-title' }, 'Demandes par jour : déposées, orientées, non satisfaites'),
    svg('line', { x1: left, x2: width, y1: y(0), y2: y(0), className: 'axis' }),
    svg(
      'text',
      { x: left - 4, y: y(max) + 4, 'text-anchor': 'end', className: 'tick' },
      String(max),
    ),
    svg('text', { x: left - 4, y: y(0), 'text-anchor': 'end', className: 'tick' }, '0'),
    daily.map((day, index) => {
      const x = left + index * step + 1;
      return svg(
        'g',
        {},
        SERIES.map(([key, label, className], series) =>
          svg(
            'rect',
            {
              x: x + series * bar,
              y: y(day[key]),
              width: bar,
              height: y(0) - y(day[key]),
              className,
            },
            svg('title', {}, `${formatDay(day.date)} — ${label} : ${day[key]}`),
          ),
        ),
        index % labelEvery === 0
          ? svg(
              'text',
              { x: x + step / 2, y: height - 6, 'text-anchor': 'middle', className: 'tick' },
              formatDay(day.date),
            )
          : null,
      );
    }),
  );
}

function legend() {
  return el(
    'ul',
    { className: 'legend' },
    SERIES.map(([, label, className]) =>
      el('li', {}, el('span', { className: `swatch ${className}` }), label),
    ),
  );
}

function dataTable(caption, head, rows) {
  return el(
    'details',
    {},
    el('summary', {}, `${caption} (tableau)`),
    el(
      'table',
      {},
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          head.map((title) => el('th', { scope: 'col' }, title)),
        ),
      ),
      el(
        'tbody',
        {},
        rows.map((cells) =>
          el(
            'tr',
            {},
            cells.map((cell) => el('td', {}, cell)),
          ),
        ),
      ),
    ),
  );
}

function reasonBars(byReason) {
  if (byReason.length === 0)
    return el('p', { className: 'muted' }, 'Aucune demande non satisfaite sur la période.');
  const max = Math.max(...byReason.map((entry) => entry.count));
  return el(
    'ul',
    { className: 'hbars' },
    byReason.map(({ reason, count }) =>
      el(
        'li',
        {},
        el('span', { className: 'hbar-label' }, UNMET_REASON_LABELS[reason] ?? reason),
        svg(
          'svg',
          {
            viewBox: '0 0 100 10',
            preserveAspectRatio: 'none',
            className: 'hbar',
            'aria-hidden': 'true',
          },
          svg('rect', {
            x: 0,
            y: 0,
            width: (count / max) * 100,
            height: 10,
            className: 'bar-unmet',
          }),
        ),
        el('span', { className: 'hbar-value' }, count),
      ),
    ),
  );
}

function renderIndicators(data) {
  fill(
    byId('indicators'),
    figures(data),
    el('h3', {}, 'Demandes par jour'),
    legend(),
    dailyChart(data.daily),
    dataTable(
      'Demandes par jour',
      ['Jour', 'Déposées', 'Orientées', 'Non satisfaites'],
      data.daily.map((day) => [formatDay(day.date), day.filed, day.oriented, day.unmet]),
    ),
    el('h3', {}, 'Demandes non satisfaites par motif'),
    reasonBars(data.unmet.byReason),
    el('h3', {}, 'Demandes non satisfaites par commune'),
    data.unmet.byCommune.length === 0
      ? el('p', { className: 'muted' }, 'Aucune.')
      : el(
          'ul',
          {},
          data.unmet.byCommune.map(({ communeCode, communeName, count }) =>
            el('li', {}, `${communeName ?? communeCode} : ${count}`),
          ),
        ),
  );
}
