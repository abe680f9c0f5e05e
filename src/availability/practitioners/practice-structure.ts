/**
 * The national identifier of the structure a GP practises in, as the SAS platform wants it
 * (IDNST: `1`+FINESS, `3`+SIRET, `4`+RPPS-rang; see docs/sas-fhir.md).
 */
export const STRUCTURE_ID_TYPES = ['finess', 'siret', 'rpps_rang'] as const;
export type StructureIdType = (typeof STRUCTURE_ID_TYPES)[number];

export interface PracticeStructure {
  type: StructureIdType;
  value: string;
}

/** FINESS: 9 digits; SIRET: 14 digits; RPPS-rang: the 11-digit RPPS of the practice's holder then its rank (1–3 digits). */
export const STRUCTURE_ID_FORMATS: Record<StructureIdType, RegExp> = {
  finess: /^[0-9]{9}$/,
  siret: /^[0-9]{14}$/,
  rpps_rang: /^[0-9]{11}[0-9]{1,3}$/,
};

const IDNST_PREFIX: Record<StructureIdType, string> = { finess: '1', siret: '3', rpps_rang: '4' };

export const STRUCTURE_ID_MESSAGES: Record<StructureIdType, string> = {
  finess: 'a FINESS number is 9 digits',
  siret: 'a SIRET number is 14 digits',
  rpps_rang:
    'an RPPS-rang is the 11 digits of an RPPS number followed by the 1 to 3 digits of the rank',
};

/** The message naming what is wrong with a structure identifier, or null when it is well formed. */
export function structureIdError(structure: PracticeStructure): string | null {
  if (!(STRUCTURE_ID_TYPES as readonly string[]).includes(structure.type)) {
    return `structure.type must be one of ${STRUCTURE_ID_TYPES.join(', ')}`;
  }
  return STRUCTURE_ID_FORMATS[structure.type].test(structure.value)
    ? null
    : `structure.value: ${STRUCTURE_ID_MESSAGES[structure.type]}`;
}

/** The IDNST value: the type's prefix then the number. */
export function idnst(structure: PracticeStructure): string {
  return `${IDNST_PREFIX[structure.type]}${structure.value}`;
}

/** The same rule as a CHECK constraint on the practitioner table. */
export const STRUCTURE_ID_CHECK = `(structure_id_type IS NULL) = (structure_id IS NULL)
  AND (structure_id_type IS NULL
    OR (structure_id_type = 'finess' AND structure_id ~ '^[0-9]{9}$')
    OR (structure_id_type = 'siret' AND structure_id ~ '^[0-9]{14}$')
    OR (structure_id_type = 'rpps_rang' AND structure_id ~ '^[0-9]{12,14}$'))`;
