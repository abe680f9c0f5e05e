import { ApiPropertyOptional } from '@nestjs/swagger';

import { SlotChoice } from '../../orientation/requests/dto/request.view';

/** One invalid input: `field` names it as the client sent it (`patient.phone`, a CSV column). */
export class FieldError {
  field!: string;
  message!: string;
}

/**
 * An RFC 9457 problem document (`application/problem+json`), every error the API answers. `type`
 * is a URN per error code (`urn:cpts:problem:invalid`, `...:conflict`, `...:not-found`, ...).
 */
export class Problem {
  /** A URN naming the kind of problem, such as `urn:cpts:problem:conflict`. */
  type!: string;
  /** The kind of problem in words, the same for every problem of this type. */
  title!: string;
  /** The HTTP status. */
  status!: number;
  /** What went wrong this time, in words. */
  detail!: string;
  /** RFC 9457: a URI naming this occurrence (not sent today). */
  instance?: string;
  /** For 400: each invalid field and why. */
  errors?: FieldError[];
  /** For 5xx: the id to quote to the operators, also in the logs. */
  requestId?: string;
  /** For 503 from readiness: each dependency's verdict. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  checks?: unknown;
  /** For 409 on confirming a held slot that is gone: free slots to choose instead. */
  alternatives?: SlotChoice[];
}
