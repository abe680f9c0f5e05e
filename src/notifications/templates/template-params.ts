import { DateTime } from 'luxon';
import { CONSULTATION_MODES, type ConsultationMode } from '../../availability/consultation-mode';
import { PermanentDeliveryError } from '../delivery-error';

const ZONE = 'Europe/Paris';
const SHORT_DAYS = ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'];

/** A notification whose parameters cannot fill its template: no retry will fix it. */
export class TemplateError extends PermanentDeliveryError {}

/** Typed reads of a notification's stored parameters; a missing or malformed one is a TemplateError. */
export class TemplateParams {
  constructor(
    private readonly template: string,
    private readonly values: Record<string, unknown>,
  ) {}

  text(name: string): string {
    const value = this.optionalText(name);
    if (value === undefined) throw this.error(name, 'a non-empty string');
    return value;
  }

  optionalText(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw this.error(name, 'a string');
    return value.trim();
  }

  /** An RFC 3339 instant, in Paris time. */
  instant(name: string): DateTime {
    const parsed = DateTime.fromISO(this.text(name), { setZone: true });
    if (!parsed.isValid) throw this.error(name, 'an RFC 3339 time');
    return parsed.setZone(ZONE).setLocale('fr');
  }

  integer(name: string): number {
    const value = this.values[name];
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.error(name, 'an integer');
    return value;
  }

  mode(name: string): ConsultationMode {
    const value = this.text(name);
    if (!(CONSULTATION_MODES as readonly string[]).includes(value)) {
      throw this.error(name, `one of ${CONSULTATION_MODES.join(', ')}`);
    }
    return value as ConsultationMode;
  }

  list(name: string): TemplateParams[] {
    const value = this.values[name];
    if (!Array.isArray(value)) throw this.error(name, 'a list');
    return value.map((item: unknown) => {
      if (typeof item !== 'object' || item === null) throw this.error(name, 'a list of objects');
      return new TemplateParams(this.template, item as Record<string, unknown>);
    });
  }

  private error(name: string, expected: string): TemplateError {
    return new TemplateError(`template ${this.template}: parameter ${name} must be ${expected}`);
  }
}

/** `mer 14/05 à 14h30`: short enough for an SMS, unambiguous within the week. */
export function smsDateTime(at: DateTime): string {
  return `${SHORT_DAYS[at.weekday - 1]} ${at.toFormat('dd/LL')} à ${clock(at)}`;
}

/** `mercredi 14 mai 2025 à 14h30`. */
export function longDateTime(at: DateTime): string {
  return `${at.toFormat('cccc d LLLL yyyy')} à ${clock(at)}`;
}

export function clock(at: DateTime): string {
  return at.toFormat("HH'h'mm");
}
