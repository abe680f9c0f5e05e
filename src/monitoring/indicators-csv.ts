import { DateTime } from 'luxon';

import { PARIS } from '../common/paris-time';
import { KIND_LABELS, STATUS_LABELS, UNMET_REASON_LABELS } from '../common/request-labels';
import { REQUEST_KINDS, REQUEST_STATUSES, type UnmetReason } from '../common/request-status';
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

/** The rows of one indicator: a detail and its value a row. */
function section(indicator: string, details: Array<[detail: string, value: Cell]>): Row[] {
  return details.map(([detail, value]) => [indicator, detail, value]);
}

const delayRows = (indicator: string, delay: Delay): Row[] =>
  section(indicator, [
    ['Demandes orientées', delay.count],
    ['Médiane (minutes)', delay.medianMinutes],
    ['90e centile (minutes)', delay.p90Minutes],
  ]);

function rows(indicators: Indicators): Row[] {
  const { requests, urgent, timeToOrientation, unmet, referringPhysician } = indicators;
  const { offers, slots, practitioners, appointments, notifications } = indicators;
  return [
    ...section('Période', [
      ['Début', parisDate(indicators.period.from, 'dd/MM/yyyy HH:mm')],
      ['Fin (exclue)', parisDate(indicators.period.to, 'dd/MM/yyyy HH:mm')],
    ]),
    ['Demandes', 'Total', requests.total],
    ...section(
      'Demandes par type',
      REQUEST_KINDS.map((kind) => [KIND_LABELS[kind], requests.byKind[kind]]),
    ),
    ...section(
      'Demandes par statut',
      REQUEST_STATUSES.map((status) => [STATUS_LABELS[status], requests.byStatus[status]]),
    ),
    ...section('Soins non programmés', [
      ['Demandes', urgent.total],
      ['Rendez-vous sous 24 h', urgent.bookedWithin24h.count],
      ['Rendez-vous sous 24 h (%)', frenchPercent(urgent.bookedWithin24h.share)],
      ['Rendez-vous sous 48 h', urgent.bookedWithin48h.count],
      ['Rendez-vous sous 48 h (%)', frenchPercent(urgent.bookedWithin48h.share)],
    ]),
    ...delayRows('Délai de prise de rendez-vous (soins non programmés)', timeToOrientation.urgent),
    ...delayRows("Délai d'attribution (médecin traitant)", timeToOrientation.referringPhysician),
    ...delayRows("Délai d'orientation (toutes demandes)", timeToOrientation.all),
    ['Demandes non satisfaites', 'Total', unmet.total],
    ...section(
      'Demandes non satisfaites par motif',
      unmet.byReason.map(({ reason, count }) => [
        UNMET_REASON_LABELS[reason as UnmetReason | 'unknown'] ?? reason,
        count,
      ]),
    ),
    ...section(
      'Demandes non satisfaites par commune',
      unmet.byCommune.map(({ communeCode, communeName, count }) => [
        communeName ? `${communeName} (${communeCode})` : communeCode,
        count,
      ]),
    ),
    ...section('Médecin traitant', [
      ['Demandes', referringPhysician.total],
      ['Attributions', referringPhysician.assigned],
      ["Attributions après l'échéance", referringPhysician.assignedAfterDeadline],
    ]),
    ...section('Propositions aux médecins', [
      ['Faites', offers.made],
      ['Acceptées', offers.accepted],
      ['Refusées', offers.declined],
      ['Expirées', offers.expired],
    ]),
    ...section('Créneaux SNP', [
      ['Publiés', slots.published],
      ['Réservés', slots.booked],
      ['Réservés (%)', frenchPercent(slots.bookedShare)],
    ]),
    ...section('Médecins', [
      ['Actifs', practitioners.active],
      ['Participants (au moins un créneau)', practitioners.participating],
      ['Disponibilités non mises à jour depuis 7 jours', practitioners.staleAvailability],
    ]),
    ...section('Rendez-vous', [
      ['Issue renseignée', appointments.withOutcome],
      ['Honorés', appointments.honoured],
      ['Patient absent', appointments.noShow],
      ["Taux d'absence (%)", frenchPercent(appointments.noShowRate)],
    ]),
    ...section('Notifications', [
      ['Envoyées', notifications.sent],
      ['Échouées', notifications.failed],
      ['En attente', notifications.pending],
    ]),
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
