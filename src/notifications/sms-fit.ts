import { smsSize, toGsm7 } from './gsm7';

/**
 * A piece of an SMS: fixed text, or variants from the fullest to the shortest. Pieces with a lower
 * `shrinkFirst` give up their detail first.
 */
export type SmsPiece = string | { variants: string[]; shrinkFirst: number };

/**
 * The GSM-7 text of the pieces, shortened piece by piece until it fits one 160-character segment.
 * When even the shortest variants do not fit, it stays longer rather than cut an address.
 */
export function fitSms(pieces: SmsPiece[]): string {
  const chosen = pieces.map(() => 0);
  const render = () =>
    toGsm7(
      pieces
        .map((piece, i) => (typeof piece === 'string' ? piece : piece.variants[chosen[i]]))
        .join(''),
    );
  let text = render();
  while (smsSize(text).segments > 1) {
    let next: number | undefined;
    pieces.forEach((piece, i) => {
      if (typeof piece === 'string' || chosen[i] >= piece.variants.length - 1) return;
      const best = next === undefined ? undefined : pieces[next];
      if (typeof best !== 'object' || piece.shrinkFirst < best.shrinkFirst) next = i;
    });
    if (next === undefined) break;
    chosen[next] += 1;
    text = render();
  }
  return text;
}
