import { ApiProperty } from '@nestjs/swagger';

/** An offer made to a practitioner for a referring-physician request (or a surnuméraire ask). */
export class OfferView {
  id!: string;
  requestId!: string;
  practitionerId!: string;
  /** `pending`, `accepted`, `declined` or `expired`. */
  status!: string;
  createdAt!: string;
  expiresAt!: string;
  /** A surnuméraire: the time the GP is asked to see an urgent patient at. */
  startsAt?: string;
  patient!: {
    firstName: string;
    initial: string;
    age: number;
    communeCode: string;
    communeName: string;
    priorityFlags: string[];
  };
}

export class OfferPage {
  items!: OfferView[];
  nextCursor!: string | null;
}

/** The request an offer was for, after answering it. */
export class OfferAnswer {
  requestId!: string;
  /** The request's status now: `assigned` after an accept, `offered` or `pending` after a decline. */
  status!: string;
}

/** One matching attempt: the candidates considered, their scores and why the chosen one won. */
export class MatchingDecisionView {
  at!: string;
  trigger!: string;
  outcome!: string;
  explanation!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  candidates!: unknown[];
}

export class MatchingDecisions {
  items!: MatchingDecisionView[];
}
