/** A French commune; `inTerritory` when it lies in the caller's CPTS perimeter. */
export class CommuneView {
  /** INSEE code: 5 characters, Corsica 2A/2B. */
  code!: string;
  name!: string;
  postalCodes!: string[];
  epciCode!: string | null;
  department!: string;
  inTerritory!: boolean;
}

export class CommunePage {
  items!: CommuneView[];
  nextCursor!: string | null;
}

/** The caller's CPTS perimeter. */
export class TerritoryView {
  name!: string;
  /** The CPTS's FINESS (9 digits), by which the SAS platform names it. */
  finess!: string | null;
  /** E.164 */
  phone!: string | null;
  /** The open publication of the consenting GPs' slots (docs/smart-scheduling.md). */
  smartPublication!: boolean;
  /** Its manifest, when it is on. */
  smartPublicationUrl!: string | null;
  communeCodes!: string[];
  communes!: { code: string; name: string }[];
}
