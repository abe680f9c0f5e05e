import { Client } from 'pg';

const POLL_MS = 50;
const TIMEOUT_MS = 300_000;

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
            'practitioner.availability_stale',
            '{"firstName": "Camille", "link": "https://cpts.example.invalid/dispo"}'
       FROM generate_series(1, $2::int) n
     RETURNING id`,
    [cptsId, count],
  );
  const ids = rows.map((row) => row.id);
  await waitFor(async () => {
    const { rows: sent } = await client.query<{ sent: string; failed: string }>(
      `SELECT count(*) FILTER (WHERE status = 'sent') AS sent,
              count(*) FILTER (WHERE status = 'failed') AS failed
         FROM notification WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    if (Number(sent[0].failed) > 0) throw new Error(`${sent[0].failed} notification(s) failed`);
    return Number(sent[0].sent) === count;
  });
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for notifications');
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}
