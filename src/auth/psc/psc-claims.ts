/** The only authentication level we accept: eIDAS substantial (CPS card or e-CPS). */
export const PSC_ACR = 'eidas1';

export function isAcceptedAcr(acr: unknown): boolean {
  return acr === PSC_ACR;
}

/** PSC's `SubjectNameID` is the national id of a health professional: `8` then the 11-digit RPPS. */
export function rppsFromSubjectNameId(subjectNameId: unknown): string | undefined {
  if (typeof subjectNameId !== 'string') return undefined;
  return /^8(\d{11})$/.exec(subjectNameId)?.[1];
}

/** A name claim, trimmed, when the provider sent a non-empty string. */
export function nameClaim(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
