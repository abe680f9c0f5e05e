import { ApiProperty } from '@nestjs/swagger';

import { REQUEST_STATUSES, type RequestStatus } from '../../common/request-status';

/** A callback an operator owes a patient. */
export class CallbackView {
  id!: string;
  requestId!: string;
  dueAt!: string;
  note!: string;
  doneAt!: string | null;
}

/** The request to call back about, and whom to call. */
export class CallbackRequest {
  id!: string;
  reference!: string;
  @ApiProperty({ enum: REQUEST_STATUSES })
  status!: RequestStatus;
  patient!: { firstName: string; lastInitial: string; phone: string };
}

/** What an operator needs to call back: the request's reference and status, whom to call. */
export class ListedCallback extends CallbackView {
  createdAt!: string;
  request!: CallbackRequest;
}

export class CallbackPage {
  items!: ListedCallback[];
  nextCursor!: string | null;
}
