import { Client } from 'pg';

import type { Dataset } from './dataset';
import { httpLoad } from './http-load';

export interface StormResult {
  requests: number;
  slots: number;
  answeredBooked: number;
  bookedAppointments: number;
  bookedSlots: number;
  /** Slots holding more than one booked appointment, and appointments on a slot not marked booked. */
  doubleBookings: number;
  seconds: number;
  p99: number;
  ok: boolean;
}

/** `requests` urgent requests at once for a CPTS holding `slots` free slots: exactly `slots` booked. */
export async function contentionStorm(
  client: Client,
  url: string,
  storm: Dataset['storm'],
  requests: number,
  slots: number,
): Promise<StormResult> {
  const load = await httpLoad({
    url,
    kind: 'urgent-request',
    connections: requests,
    amount: requests,
    targets: [{ token: storm.token, communeCodes: [storm.communeCode] }],
  });
  const { rows } = await client.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM appointment WHERE cpts_id = $1 AND status = 'booked') AS appointments,
            (SELECT count(*) FROM slot WHERE cpts_id = $1 AND status = 'booked') AS slots,
            (SELECT count(*) FROM (SELECT slot_id FROM appointment
                                    WHERE cpts_id = $1 AND status = 'booked'
                                    GROUP BY slot_id HAVING count(*) > 1) twice)
            + (SELECT count(*) FROM appointment a JOIN slot s ON s.id = a.slot_id
                WHERE a.cpts_id = $1 AND a.status = 'booked' AND s.status <> 'booked') AS double`,
    [storm.cptsId],
  );
  const result = {
    requests: load.requests,
    slots,
    answeredBooked: load.booked,
    bookedAppointments: Number(rows[0].appointments),
    bookedSlots: Number(rows[0].slots),
    doubleBookings: Number(rows[0].double),
    seconds: load.seconds,
    p99: load.p99,
  };
  return {
    ...result,
    ok:
      result.requests === requests &&
      result.answeredBooked === slots &&
      result.bookedAppointments === slots &&
      result.bookedSlots === slots &&
      result.doubleBookings === 0,
  };
}
