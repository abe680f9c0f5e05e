import { DateTime } from 'luxon';
import { PARIS } from '../availability/paris-time';
import { REQUEST_KINDS, REQUEST_STATUSES, type UnmetReason } from '../orientation/request-status';
import { KIND_LABELS, STATUS_LABELS, UNMET_REASON_LABELS } from './indicator-labels';
import type { Delay, Indicators } from './indicators';

type Cell = string | number | null;
type Row = [indicator: string, detail: string, value: Cell];

const BOM = '\uFEFF';
const HEADER: Row = ['Indicateur', 'Détail', 'Valeur'];

/**
 * The indicators as a French spreadsheet opens them: UTF-8 with a BOM (else Excel reads
 * Latin-1), `;` between cells and a decimal comma, CRLF line ends.
 */
export function indicatorsCsv(indicators: Indicators): string {
  const lines = [HEADER, ...rows(indicators)].map((row) => row.map(csvCell).join(';'));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A number with a decimal comma; a share in per cent with one decimal; empty for none. */
export function frenchNumber(value: number | null): string {
  if (value === null) return '';
  return String(value).replace('.', ',');
}

export function frenchPercent(share: number | null): string {
  return share === null ? '' : (share * 100).toFixed(1).replace('.', ',');
}

function csvCell(cell: Cell): string {
  const text = typeof cell === 'number' ? frenchNumber(cell) : (cell ?? '');
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const parisDate = (iso: string, format: string) =>
  DateTime.fromISO(iso, { zone: PARIS }).toFormat(format);

function delayRows(indicator: string, delay: Delay): Row[] {
  return [
    [indicator, 'Demandes orientées', delay.count],
    [indicator, 'Médiane (minutes)', delay.medianMinutes],
    [indicator, '90e centile (minutes)', delay.p90Minutes],
  ];
}

function rows(indicators: Indicators): Row[] {
  const { requests, urgent, timeToOrientation, unmet, referringPhysician } = indicators;
  const { offers, slots, practitioners, appointments, notifications } = indicators;
  return [
    ['Période', 'Début', parisDate(indicators.period.from, 'dd/MM/yyyy HH:mm')],
    ['Période', 'Fin (exclue)', parisDate(indicators.period.to, 'dd/MM/yyyy HH:mm')],
    ['Demandes', 'Total', requests.total],
    ...REQUEST_KINDS.map((kind): Row => [
      'Demandes par type',
      KIND_LABELS[kind],
      requests.byKind[kind],
    ]),
    ...REQUEST_STATUSES.map((status): Row => [
      'Demandes par statut',
      STATUS_LABELS[status],
      requests.byStatus[status],
    ]),
    ['Soins non programmés', 'Demandes', urgent.total],
    ['Soins non programmés', 'Rendez-vous sous 24 h', urgent.bookedWithin24h.count],
    [
      'Soins non programmés',
      'Rendez-vous sous 24 h (%)',
      frenchPercent(urgent.bookedWithin24h.share),
    ],
    ['Soins non programmés', 'Rendez-vous sous 48 h', urgent.bookedWithin48h.count],
    [
      'Soins non programmés',
      'Rendez-vous sous 48 h (%)',
      frenchPercent(urgent.bookedWithin48h.share),
    ],
    ...delayRows('Délai de prise de rendez-vous (soins non programmés)', timeToOrientation.urgent),
    ...delayRows("Délai d'attribution (médecin traitant)", timeToOrientation.referringPhysician),
    ...delayRows("Délai d'orientation (toutes demandes)", timeToOrientation.all),
    ['Demandes non satisfaites', 'Total', unmet.total],
    ...unmet.byReason.map(({ reason, count }): Row => [
      'Demandes non satisfaites par motif',
      UNMET_REASON_LABELS[reason as UnmetReason | 'unknown'] ?? reason,
      count,
    ]),
    ...unmet.byCommune.map(({ communeCode, communeName, count }): Row => [
      'Demandes non satisfaites par commune',
      communeName ? `${communeName} (${communeCode})` : communeCode,
      count,
    ]),
    ['Médecin traitant', 'Demandes', referringPhysician.total],
    ['Médecin traitant', 'Attributions', referringPhysician.assigned],
    ['Médecin traitant', "Attributions après l'échéance", referringPhysician.assignedAfterDeadline],
    ['Propositions aux médecins', 'Faites', offers.made],
    ['Propositions aux médecins', 'Acceptées', offers.accepted],
    ['Propositions aux médecins', 'Refusées', offers.declined],
    ['Propositions aux médecins', 'Expirées', offers.expired],
    ['Créneaux SNP', 'Publiés', slots.published],
    ['Créneaux SNP', 'Réservés', slots.booked],
    ['Créneaux SNP', 'Réservés (%)', frenchPercent(slots.bookedShare)],
    ['Médecins', 'Actifs', practitioners.active],
    ['Médecins', 'Participants (au moins un créneau)', practitioners.participating],
    ['Médecins', 'Disponibilités non mises à jour depuis 7 jours', practitioners.staleAvailability],
    ['Rendez-vous', 'Issue renseignée', appointments.withOutcome],
    ['Rendez-vous', 'Honorés', appointments.honoured],
    ['Rendez-vous', 'Patient absent', appointments.noShow],
    ['Rendez-vous', "Taux d'absence (%)", frenchPercent(appointments.noShowRate)],
    ['Notifications', 'Envoyées', notifications.sent],
    ['Notifications', 'Échouées', notifications.failed],
    ['Notifications', 'En attente', notifications.pending],
    ...indicators.daily.flatMap(({ date, filed, oriented, unmet: unmetCount }): Row[] => {
      const day = parisDate(date, 'dd/MM/yyyy');
      return [
        ['Demandes déposées par jour', day, filed],
        ['Demandes orientées par jour', day, oriented],
        ['Demandes non satisfaites par jour', day, unmetCount],
      ];
    }),
  ];
}

/** Whether the client asked for CSV (`Accept: text/csv`) rather than JSON. */
export function wantsCsv(accept: string | undefined): boolean {
  return accept !== undefined && /(^|[,\s])text\/csv\b/i.test(accept);
}

/** `indicateurs-2027-03-01-au-2027-03-31.csv`: the Paris days the period covers. */
export function csvFileName(indicators: Indicators): string {
  const from = parisDate(indicators.period.from, 'yyyy-MM-dd');
  const last = DateTime.fromISO(indicators.period.to, { zone: PARIS }).minus({ milliseconds: 1 });
  return `indicateurs-${from}-au-${last.toFormat('yyyy-MM-dd')}.csv`;
}
