import { Client } from 'pg';

const POLL_MS = 50;
const TIMEOUT_MS = 300_000;
/** The template of the bench's rows: the probe counts only these. */
const TEMPLATE = 'practitioner.availability_stale';

/** Waits until the outbox holds nothing due: the bookings of earlier phases are all sent. */
export async function drainOutbox(client: Client): Promise<void> {
  await waitFor(async () => {
    const { rows } = await client.query<{ due: string }>(
      `SELECT count(*) AS due FROM notification WHERE status = 'pending' AND send_at <= now()`,
    );
    return Number(rows[0].due) === 0;
  });
}

/**
 * Notifications end to end: `count` outbox rows committed at once (half SMS, half e-mail, through
 * the log channel), timed until the service has marked every one sent. Rows per second.
 */
export async function notificationThroughput(
  client: Client,
  cptsId: string,
  count: number,
): Promise<number> {
  const started = process.hrtime.bigint();
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO notification (cpts_id, channel, recipient, template, params)
     SELECT $1, CASE WHEN n % 2 = 0 THEN 'sms' ELSE 'email' END,
            CASE WHEN n % 2 = 0 THEN '+33612345678' ELSE 'gp@example.invalid' END,
            $3,
            '{"firstName": "Camille", "link": "https://cpts.example.invalid/dispo"}'
       FROM generate_series(1, $2::int) n
     RETURNING id`,
    [cptsId, count, TEMPLATE],
  );
  // Polled through the partial index of pending rows, whose count shrinks as they go out: the
  // probe costs PostgreSQL less than the work it measures (a lookup of every id, every 50 ms,
  // cost 0.06 ms a row at the old pace).
  await waitFor(async () => {
    const { rows: left } = await client.query<{ pending: string }>(
      `SELECT count(*) AS pending FROM notification
        WHERE status = 'pending' AND send_at <= now() AND cpts_id = $1 AND template = $2`,
      [cptsId, TEMPLATE],
    );
    return Number(left[0].pending) === 0;
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { rows: sent } = await client.query<{ sent: string }>(
    `SELECT count(*) AS sent FROM notification WHERE id = ANY($1::uuid[]) AND status = 'sent'`,
    [rows.map((row) => row.id)],
  );
  const unsent = count - Number(sent[0].sent);
  if (unsent > 0) throw new Error(`${unsent} notification(s) not sent`);
  return count / seconds;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for notifications');
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}
