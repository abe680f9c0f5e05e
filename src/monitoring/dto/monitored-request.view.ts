import { RequestView } from '../../orientation/requests/dto/request.view';

/** A request under watch, sorted by deadline; `minutesLeft` is negative past it. */
export class MonitoredRequest extends RequestView {
  communeName!: string | null;
  minutesLeft!: number;
}

export class MonitoredRequestPage {
  items!: MonitoredRequest[];
  nextCursor!: string | null;
}
