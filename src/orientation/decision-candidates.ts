/** How many of the ranked candidates a matching decision records. */
export const DECISION_TOP = 10;

/** The candidates a matching decision records: the first `DECISION_TOP`, ranked from 1. */
export function decisionCandidates<T, D extends object>(
  ranked: readonly T[],
  describe: (candidate: T) => D,
): Array<{ rank: number } & D> {
  return ranked.slice(0, DECISION_TOP).map((candidate, index) => ({
    rank: index + 1,
    ...describe(candidate),
  }));
}
