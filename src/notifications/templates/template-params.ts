import { DateTime } from 'luxon';

import { CONSULTATION_MODES, type ConsultationMode } from '../../common/consultation-mode';
import { PermanentDeliveryError } from '../delivery-error';
import type { RenderedParams, TemplateName } from './template-catalogue';

const ZONE = 'Europe/Paris';
const SHORT_DAYS = ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'];

/** A notification whose parameters cannot fill its template: no retry will fix it. */
export class TemplateError extends PermanentDeliveryError {}

/** The names of `P`'s parameters whose values are `V` (optional ones included). */
type NamesOf<P, V> = { [K in keyof P]-?: NonNullable<P[K]> extends V ? K : never }[keyof P] &
  string;

type ItemOf<L> = L extends ReadonlyArray<infer Item> ? Item : never;

/**
 * Typed reads of a notification's stored parameters; a missing or malformed one is a TemplateError.
 * `P` is the template's entry in the catalogue (RenderedParams): reading a parameter it does not
 * have, or as another type, does not compile. The stored values are checked all the same.
 */
export class TemplateParams<P> {
  constructor(
    private readonly template: string,
    private readonly values: Record<string, unknown>,
  ) {}

  text(name: NamesOf<P, string>): string {
    return this.requiredText(name);
  }

  optionalText(name: NamesOf<P, string>): string | undefined {
    return this.trimmedText(name);
  }

  /** An RFC 3339 instant, in Paris time. */
  instant(name: NamesOf<P, string>): DateTime {
    const parsed = DateTime.fromISO(this.requiredText(name), { setZone: true });
    if (!parsed.isValid) throw this.error(name, 'an RFC 3339 time');
    return parsed.setZone(ZONE).setLocale('fr');
  }

  integer(name: NamesOf<P, number>): number {
    const value = this.values[name];
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.error(name, 'an integer');
    return value;
  }

  mode(name: NamesOf<P, ConsultationMode>): ConsultationMode {
    const value = this.requiredText(name);
    if (!(CONSULTATION_MODES as readonly string[]).includes(value)) {
      throw this.error(name, `one of ${CONSULTATION_MODES.join(', ')}`);
    }
    return value as ConsultationMode;
  }

  list<K extends NamesOf<P, readonly object[]>>(name: K): Array<TemplateParams<ItemOf<P[K]>>> {
    const value = this.values[name];
    if (!Array.isArray(value)) throw this.error(name, 'a list');
    return value.map((item: unknown) => {
      if (typeof item !== 'object' || item === null) throw this.error(name, 'a list of objects');
      return new TemplateParams<ItemOf<P[K]>>(this.template, item as Record<string, unknown>);
    });
  }

  private requiredText(name: string): string {
    const value = this.trimmedText(name);
    if (value === undefined) throw this.error(name, 'a non-empty string');
    return value;
  }

  private trimmedText(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw this.error(name, 'a string');
    return value.trim();
  }

  private error(name: string, expected: string): TemplateError {
    return new TemplateError(`template ${this.template}: parameter ${name} must be ${expected}`);
  }
}

/** How a channel renders template `K`, from the parameters the catalogue gives it. */
export type Renderer<K extends TemplateName, Content> = (
  params: TemplateParams<RenderedParams<K>>,
) => Content;

/** A channel's versions of the templates: each is typed by its own entry in the catalogue. */
export type Renderers<Content> = { [K in TemplateName]?: Renderer<K, Content> };

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
