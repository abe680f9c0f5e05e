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
  communeCodes!: string[];
  communes!: { code: string; name: string }[];
}
