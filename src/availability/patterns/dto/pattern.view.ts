import type { ConsultationMode } from '../../../common/consultation-mode';

/** A weekly pattern: the slots it generates every `weekday` (1 Monday … 7 Sunday). */
export class PatternView {
  id!: string;
  weekday!: number;
  /** HH:MM, Europe/Paris */
  startTime!: string;
  /** HH:MM, Europe/Paris */
  endTime!: string;
  slotMinutes!: number;
  mode!: ConsultationMode;
  createdAt!: string;
}

export class PatternPage {
  items!: PatternView[];
  nextCursor!: string | null;
}

export class AbsenceView {
  id!: string;
  from!: string;
  to!: string;
  createdAt!: string;
}

export class AbsencePage {
  items!: AbsenceView[];
  nextCursor!: string | null;
}

/** An absence just declared: `withdrawn` free slots it removed. */
export class CreatedAbsence extends AbsenceView {
  withdrawn!: number;
}
