import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';

import { requestBody } from './support/orientation-fixtures';
import { createPerson, type SignedIn, signIn } from './support/people';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { eventually, startTestApp, type Tenant, type TestApp } from './support/test-app';

const COORDINATOR = 'coordination@cpts.test';
const REGULATOR_RPPS = '10001234567';
const GP_RPPS = '10003456789';

interface Received {
  method: string;
  url: string;
  body: Record<string, unknown>;
  clientCn: string | undefined;
}

/** A throw-away CA, a server certificate for 127.0.0.1 and our client certificate, by openssl. */
function certificates(dir: string) {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const subject = (cn: string) => ['-subj', `/O=IGC-Sante test/OU=SAS/CN=${cn}`];
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    ...subject('Test CA'),
  ]);
  for (const [name, cn] of [
    ['server', '127.0.0.1'],
    ['client', 'cpts-orientation'],
  ]) {
    run([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      ...subject(cn),
    ]);
    writeFileSync(
      join(dir, `${name}.ext`),
      name === 'server' ? 'subjectAltName=IP:127.0.0.1\n' : 'extendedKeyUsage=clientAuth\n',
    );
    run([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      `${name}.pem`,
      '-extfile',
      `${name}.ext`,
    ]);
  }
  return (file: string) => join(dir, file);
}

describe('INT_R03: appointment feedback to the SAS platform over mutual TLS', () => {
  let dir: string;
  let server: Server;
  let t: TestApp;
  let tenant: Tenant;
  let gp: string;
  let regulator: SignedIn;
  const received: Received[] = [];
  /** Statuses to answer next, in order; then 201 for a POST, 200 for a PUT. */
  const answers: number[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sas-mtls-'));
    const file = certificates(dir);
    server = createServer(
      {
        key: readFileSync(file('server.key')),
        cert: readFileSync(file('server.pem')),
        ca: readFileSync(file('ca.pem')),
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
      },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const peer = (req.socket as TLSSocket).getPeerCertificate();
          received.push({
            method: req.method ?? '',
            url: req.url ?? '',
            body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>,
            clientCn: typeof peer.subject?.CN === 'string' ? peer.subject.CN : undefined,
          });
          const status = answers.shift() ?? (req.method === 'POST' ? 201 : 200);
          const headers: Record<string, string> = { 'content-type': 'application/fhir+json' };
          if (status === 201) headers.location = `/fhir/Appointment/${randomUUID()}/_history/1`;
          res.writeHead(status, headers);
          res.end(status >= 400 ? JSON.stringify({ resourceType: 'OperationOutcome' }) : '{}');
        });
      },
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    t = await startTestApp({
      SAS_APPOINTMENT_URL: `https://127.0.0.1:${port}/fhir`,
      SAS_CLIENT_CERT: file('client.pem'),
      SAS_CLIENT_KEY: file('client.key'),
      SAS_SERVER_CA: file('ca.pem'),
      COORDINATOR_EMAILS: COORDINATOR,
      NOTIFICATION_BACKOFF: '100ms',
    });
    tenant = await t.tenant();
    gp = await createPractitioner(t, tenant.cpts.id, {
      rpps: GP_RPPS,
      lastName: 'Martin',
      sasPublication: true,
    });
    regulator = await signIn(
      t,
      await createPerson(t, tenant.cpts.id, 'regulator', { rpps: REGULATOR_RPPS }),
    );
  });

  afterAll(async () => {
    await t?.close();
    await new Promise((done) => server?.close(done));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A regulator holds one of the GP's slots, then confirms it; the booked request's view. */
  async function bookAsRegulator(): Promise<{ requestId: string; appointmentId: string }> {
    const slotId = await createSlot(t, tenant.cpts.id, gp, 120 + received.length * 30);
    const filed = await regulator
      .http()
      .post('/api/v1/requests')
      .set('Idempotency-Key', randomUUID())
      .send(
        requestBody(
          'urgent',
          {},
          {
            booking: 'propose',
            practitionerId: gp,
            slotId,
            origin: 'sas-test',
          },
        ),
      )
      .expect(201);
    expect(filed.body.status).toBe('held');
    await regulator.http().post(`/api/v1/requests/${filed.body.id}/confirm`).send({}).expect(200);
    const [row] = await t.db.system((manager) =>
      manager.query<Array<{ id: string }>>(
        `SELECT id FROM appointment WHERE request_id = $1 AND status = 'booked'`,
        [filed.body.id],
      ),
    );
    return { requestId: filed.body.id as string, appointmentId: row.id };
  }

  function sasRows(appointmentId: string) {
    return t.db.system((manager) =>
      manager.query<Array<{ status: string; attempts: number; params: Record<string, string> }>>(
        `SELECT status, attempts, params FROM notification
          WHERE channel = 'sas' AND recipient = $1 ORDER BY created_at`,
        [appointmentId],
      ),
    );
  }

  const forAppointment = (appointmentId: string) =>
    received.filter((call) => JSON.stringify(call.body).includes(appointmentId));

  it('posts one FrAppointmentSAS when a regulator books, over our client certificate', async () => {
    const { requestId, appointmentId } = await bookAsRegulator();
    await eventually(async () => (await sasRows(appointmentId))[0]?.status === 'sent');
    const calls = forAppointment(appointmentId);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/fhir/Appointment');
    expect(call.clientCn).toBe('cpts-orientation');
    expect(call.body).toEqual(
      expect.objectContaining({
        resourceType: 'Appointment',
        meta: { profile: ['http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS'] },
        status: 'booked',
        identifier: [expect.objectContaining({ value: appointmentId })],
      }),
    );
    expect(JSON.stringify(call.body.extension)).toContain(`8${REGULATOR_RPPS}`);
    expect(call.body.participant).toEqual([
      expect.objectContaining({
        status: 'accepted',
        actor: { identifier: expect.objectContaining({ value: `8${GP_RPPS}` }) },
      }),
    ]);
    expect(JSON.stringify(call.body)).not.toMatch(/Patient|06 12 34 56 78|\+33612345678/);
    const [request] = await t.db.system((manager) =>
      manager.query<Array<Record<string, string>>>(
        `SELECT sas_regulator_person_id AS "personId", sas_regulator_national_id AS "nationalId",
                sas_origin AS origin FROM orientation_request WHERE id = $1`,
        [requestId],
      ),
    );
    expect(request).toEqual(
      expect.objectContaining({ nationalId: `8${REGULATOR_RPPS}`, origin: 'sas-test' }),
    );
    const view = await regulator.http().get(`/api/v1/requests/${requestId}`).expect(200);
    expect(JSON.stringify(view.body.history)).toContain(`8${REGULATOR_RPPS}`);
  });

  it('sends one conditional PUT, status cancelled, when the appointment is cancelled', async () => {
    const { requestId, appointmentId } = await bookAsRegulator();
    await t
      .http(tenant.coordinator)
      .post(`/api/v1/requests/${requestId}/cancel`)
      .send({ reason: 'patient guéri' })
      .expect(200);
    await eventually(async () => {
      const rows = await sasRows(appointmentId);
      return rows.length === 2 && rows.every((row) => row.status === 'sent');
    });
    const calls = forAppointment(appointmentId);
    expect(calls.map((call) => call.method)).toEqual(['POST', 'PUT']);
    const put = calls[1];
    const system = (put.body.identifier as Array<{ system: string }>)[0].system;
    expect(put.url).toBe(
      `/fhir/Appointment?identifier=${encodeURIComponent(`${system}|${appointmentId}`)}`,
    );
    expect(put.body.status).toBe('cancelled');
  });

  it('retries a 503 and delivers once', async () => {
    answers.push(503);
    const { appointmentId } = await bookAsRegulator();
    await eventually(async () => (await sasRows(appointmentId))[0]?.status === 'sent');
    const [row] = await sasRows(appointmentId);
    expect(row.attempts).toBe(2);
    const calls = forAppointment(appointmentId);
    expect(calls.map((call) => call.method)).toEqual(['POST', 'POST']);
  });

  it('fails a 422 at once, without retrying, and alerts the coordinator', async () => {
    answers.push(422);
    const { requestId, appointmentId } = await bookAsRegulator();
    await eventually(async () => (await sasRows(appointmentId))[0]?.status === 'failed');
    const [row] = await sasRows(appointmentId);
    expect(row.attempts).toBe(1);
    expect(forAppointment(appointmentId)).toHaveLength(1);
    const alerts = await t.db.system((manager) =>
      manager.query<Array<{ recipient: string }>>(
        `SELECT recipient FROM notification
          WHERE request_id = $1 AND template = 'coordinator.notification_failed'`,
        [requestId],
      ),
    );
    expect(alerts).toEqual([{ recipient: COORDINATOR }]);
  });

  it('sends nothing for an appointment booked by an ordinary operator', async () => {
    const operator = await signIn(t, await createPerson(t, tenant.cpts.id, 'operator'));
    const slotId = await createSlot(t, tenant.cpts.id, gp, 400);
    const filed = await operator
      .http()
      .post('/api/v1/requests')
      .set('Idempotency-Key', randomUUID())
      .send(requestBody('urgent', {}, { booking: 'propose', slotId }))
      .expect(201);
    await operator.http().post(`/api/v1/requests/${filed.body.id}/confirm`).send({}).expect(200);
    const rows = await t.db.system((manager) =>
      manager.query(`SELECT 1 FROM notification WHERE channel = 'sas' AND request_id = $1`, [
        filed.body.id,
      ]),
    );
    expect(rows).toHaveLength(0);
  });
});
