import type { EntityManager } from 'typeorm';

import { insertRequest } from './support/orientation-fixtures';
import { expectProblem } from './support/problem';
import { createPractitioner, insertSlot } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

/** Paris days of 5, 6 and 7 January 2026 (UTC+1). */
const FROM = '2026-01-05T00:00:00+01:00';
const TO = '2026-01-08T00:00:00+01:00';
const PERIOD = `from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;

async function seedAppointment(
  manager: EntityManager,
  requestId: string,
  practitionerId: string,
  appointment: {
    slotId: string | null;
    createdAt: string;
    startsAt: string;
    outcome?: string;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO appointment (request_id, practitioner_id, slot_id, starts_at, ends_at, mode,
                              status, source, outcome, created_at)
     VALUES ($1, $2, $3, $4, $4::timestamptz + interval '20 minutes', 'in_person', 'booked',
             $5, $6, $7)`,
    [
      requestId,
      practitionerId,
      appointment.slotId,
      appointment.startsAt,
      appointment.slotId ? 'matching' : 'surnumeraire',
      appointment.outcome ?? null,
      appointment.createdAt,
    ],
  );
}

async function seedOffer(
  manager: EntityManager,
  requestId: string,
  practitionerId: string,
  status: string,
  createdAt: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO offer (request_id, practitioner_id, status, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $4::timestamptz + interval '12 hours')`,
    [requestId, practitionerId, status, createdAt],
  );
}

async function seedNotification(
  manager: EntityManager,
  status: string,
  createdAt: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO notification (channel, recipient, template, status, created_at, send_at)
     VALUES ('email', 'coordination@example.invalid', 'coordinator.digest', $1, $2, $3)`,
    [status, createdAt, status === 'pending' ? '2100-01-01T00:00:00Z' : createdAt],
  );
}

/**
 * A fixed fortnight of activity with known timestamps, including edge rows that fall just
 * outside the Paris days of the period.
 */
async function seedPeriod(t: TestApp, cptsId: string): Promise<void> {
  const p1 = await createPractitioner(t, cptsId, { lastName: 'Un' });
  const p2 = await createPractitioner(t, cptsId, { lastName: 'Deux' });
  const p3 = await createPractitioner(t, cptsId, { lastName: 'Trois' });
  await createPractitioner(t, cptsId, { lastName: 'Inactif', active: false });
  await t.db.tenant(cptsId, async (m) => {
    const s1 = await insertSlot(m, p1, '2026-01-05T14:00:00Z', { status: 'booked' });
    const s2 = await insertSlot(m, p2, '2026-01-06T20:00:00Z', { status: 'booked' });
    await insertSlot(m, p1, '2026-01-06T08:00:00Z', { status: 'free' });
    await insertSlot(m, p1, '2026-01-07T08:00:00Z', { status: 'free' });
    await insertSlot(m, p2, '2026-01-09T08:00:00Z', { status: 'free' });

    const r1 = await insertRequest(m, { status: 'booked', createdAt: '2026-01-05T08:00:00Z' });
    await seedAppointment(m, r1, p1, {
      slotId: s1,
      createdAt: '2026-01-05T08:15:00Z',
      startsAt: '2026-01-05T14:00:00Z',
      outcome: 'honoured',
    });
    const r2 = await insertRequest(m, { status: 'booked', createdAt: '2026-01-05T09:00:00Z' });
    await seedAppointment(m, r2, p2, {
      slotId: s2,
      createdAt: '2026-01-05T09:45:00Z',
      startsAt: '2026-01-06T20:00:00Z',
      outcome: 'no_show',
    });
    const r3 = await insertRequest(m, { status: 'booked', createdAt: '2026-01-06T10:00:00Z' });
    await seedAppointment(m, r3, p3, {
      slotId: null,
      createdAt: '2026-01-06T12:00:00Z',
      startsAt: '2026-01-06T16:00:00Z',
    });
    await insertRequest(m, {
      status: 'unmet',
      unmetReason: 'no_slot_for_mode',
      communeCode: '56186',
      createdAt: '2026-01-06T11:00:00Z',
    });
    // 23:30 in Paris on 7 January: inside the period.
    await insertRequest(m, {
      status: 'unmet',
      unmetReason: 'no_slot_in_territory',
      communeCode: '56186',
      createdAt: '2026-01-07T22:30:00Z',
    });
    // 00:30 in Paris on 8 January, and 23:59 on 4 January: outside.
    await insertRequest(m, {
      status: 'unmet',
      unmetReason: 'no_slot_in_territory',
      createdAt: '2026-01-07T23:30:00Z',
    });
    await insertRequest(m, { status: 'booked', createdAt: '2026-01-04T22:59:00Z' });
    const r7 = await insertRequest(m, {
      kind: 'referring_physician',
      status: 'assigned',
      createdAt: '2026-01-05T10:00:00Z',
      assignedAt: '2026-01-05T16:00:00Z',
      assignedPractitionerId: p3,
    });
    await seedOffer(m, r7, p3, 'accepted', '2026-01-05T10:00:00Z');
    const r8 = await insertRequest(m, {
      kind: 'referring_physician',
      status: 'unmet',
      unmetReason: 'no_practitioner_accepting',
      createdAt: '2026-01-06T07:00:00Z',
    });
    await seedOffer(m, r8, p1, 'declined', '2026-01-06T07:00:00Z');
    await seedOffer(m, r8, p2, 'expired', '2026-01-06T08:00:00Z');
    await seedOffer(m, r8, p3, 'declined', '2026-01-08T10:00:00Z');
    await insertRequest(m, { status: 'cancelled', createdAt: '2026-01-07T09:00:00Z' });

    await seedNotification(m, 'sent', '2026-01-05T08:15:00Z');
    await seedNotification(m, 'sent', '2026-01-06T12:00:00Z');
    await seedNotification(m, 'failed', '2026-01-06T12:00:00Z');
    await seedNotification(m, 'pending', '2026-01-07T12:00:00Z');
    await seedNotification(m, 'sent', '2026-01-09T12:00:00Z');
    await m.query(`UPDATE practitioner SET availability_updated_at = $1 WHERE id = $2`, [
      '2025-12-20T10:00:00Z',
      p3,
    ]);
    await m.query(`UPDATE practitioner SET availability_updated_at = $1 WHERE id <> $2`, [
      '2026-01-06T10:00:00Z',
      p3,
    ]);
  });
}

describe('monitoring', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    a = await t.tenant();
    b = await t.tenant();
    await seedPeriod(t, a.cpts.id);
    // Another CPTS's activity in the same days never counts.
    await t.db.tenant(b.cpts.id, (m) =>
      insertRequest(m, {
        status: 'unmet',
        unmetReason: 'caps_reached',
        createdAt: '2026-01-06T10:00:00Z',
      }),
    );
  });

  afterAll(() => t.close());

  describe('indicators', () => {
    it('computes every indicator of the fixture exactly, in JSON', async () => {
      const response = await t.http(a.coordinator).get(`/api/v1/monitoring/indicators?${PERIOD}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        period: { from: '2026-01-05T00:00:00+01:00', to: '2026-01-08T00:00:00+01:00' },
        requests: {
          total: 8,
          byKind: { urgent: 6, referring_physician: 2 },
          byStatus: {
            pending: 0,
            held: 0,
            offered: 0,
            booked: 3,
            assigned: 1,
            unmet: 3,
            redirected: 0,
            cancelled: 1,
          },
        },
        urgent: {
          total: 6,
          bookedWithin24h: { count: 2, share: 0.3333 },
          bookedWithin48h: { count: 3, share: 0.5 },
        },
        timeToOrientation: {
          urgent: { count: 3, medianMinutes: 45, p90Minutes: 105 },
          referringPhysician: { count: 1, medianMinutes: 360, p90Minutes: 360 },
          all: { count: 4, medianMinutes: 82.5, p90Minutes: 288 },
        },
        unmet: {
          total: 3,
          byReason: [
            { reason: 'no_practitioner_accepting', count: 1 },
            { reason: 'no_slot_for_mode', count: 1 },
            { reason: 'no_slot_in_territory', count: 1 },
          ],
          byCommune: [
            { communeCode: '56186', communeName: 'Quiberon', count: 2 },
            { communeCode: '56007', communeName: 'Auray', count: 1 },
          ],
        },
        referringPhysician: { total: 2, assigned: 1, assignedAfterDeadline: 0 },
        offers: { made: 3, accepted: 1, declined: 1, expired: 1 },
        slots: { published: 4, booked: 2, bookedShare: 0.5 },
        practitioners: { active: 3, participating: 2, staleAvailability: 1 },
        appointments: { withOutcome: 2, honoured: 1, noShow: 1, noShowRate: 0.5 },
        notifications: { sent: 2, failed: 1, pending: 1 },
        daily: [
          { date: '2026-01-05', filed: 3, oriented: 3, unmet: 0 },
          { date: '2026-01-06', filed: 3, oriented: 1, unmet: 2 },
          { date: '2026-01-07', filed: 2, oriented: 0, unmet: 1 },
        ],
      });
    });

    it('gives the same figures as CSV for French spreadsheets', async () => {
      const response = await t
        .http(a.coordinator)
        .get(`/api/v1/monitoring/indicators?${PERIOD}`)
        .set('Accept', 'text/csv')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="indicateurs-2026-01-05-au-2026-01-07.csv"',
      );
      const bytes = response.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n');
      // Every line, in order: the figures are the JSON test's, in French, with decimal commas.
      expect(lines).toEqual([
        'Indicateur;Détail;Valeur',
        'Période;Début;05/01/2026 00:00',
        'Période;Fin (exclue);08/01/2026 00:00',
        'Demandes;Total;8',
        'Demandes par type;Soins non programmés;6',
        'Demandes par type;Médecin traitant;2',
        'Demandes par statut;En attente;0',
        'Demandes par statut;Créneau proposé au patient;0',
        'Demandes par statut;Proposée à un médecin;0',
        'Demandes par statut;Rendez-vous fixé;3',
        'Demandes par statut;Médecin traitant trouvé;1',
        'Demandes par statut;Non satisfaite;3',
        'Demandes par statut;Réorientée;0',
        'Demandes par statut;Annulée;1',
        'Soins non programmés;Demandes;6',
        'Soins non programmés;Rendez-vous sous 24 h;2',
        'Soins non programmés;Rendez-vous sous 24 h (%);33,3',
        'Soins non programmés;Rendez-vous sous 48 h;3',
        'Soins non programmés;Rendez-vous sous 48 h (%);50,0',
        'Délai de prise de rendez-vous (soins non programmés);Demandes orientées;3',
        'Délai de prise de rendez-vous (soins non programmés);Médiane (minutes);45',
        'Délai de prise de rendez-vous (soins non programmés);90e centile (minutes);105',
        "Délai d'attribution (médecin traitant);Demandes orientées;1",
        "Délai d'attribution (médecin traitant);Médiane (minutes);360",
        "Délai d'attribution (médecin traitant);90e centile (minutes);360",
        "Délai d'orientation (toutes demandes);Demandes orientées;4",
        "Délai d'orientation (toutes demandes);Médiane (minutes);82,5",
        "Délai d'orientation (toutes demandes);90e centile (minutes);288",
        'Demandes non satisfaites;Total;3',
        "Demandes non satisfaites par motif;Aucun médecin n'accepte de nouveaux patients;1",
        'Demandes non satisfaites par motif;Aucun créneau dans un mode accepté;1',
        'Demandes non satisfaites par motif;Aucun créneau dans le territoire;1',
        'Demandes non satisfaites par commune;Quiberon (56186);2',
        'Demandes non satisfaites par commune;Auray (56007);1',
        'Médecin traitant;Demandes;2',
        'Médecin traitant;Attributions;1',
        "Médecin traitant;Attributions après l'échéance;0",
        'Propositions aux médecins;Faites;3',
        'Propositions aux médecins;Acceptées;1',
        'Propositions aux médecins;Refusées;1',
        'Propositions aux médecins;Expirées;1',
        'Créneaux SNP;Publiés;4',
        'Créneaux SNP;Réservés;2',
        'Créneaux SNP;Réservés (%);50,0',
        'Médecins;Actifs;3',
        'Médecins;Participants (au moins un créneau);2',
        'Médecins;Disponibilités non mises à jour depuis 7 jours;1',
        'Rendez-vous;Issue renseignée;2',
        'Rendez-vous;Honorés;1',
        'Rendez-vous;Patient absent;1',
        "Rendez-vous;Taux d'absence (%);50,0",
        'Notifications;Envoyées;2',
        'Notifications;Échouées;1',
        'Notifications;En attente;1',
        'Demandes déposées par jour;05/01/2026;3',
        'Demandes orientées par jour;05/01/2026;3',
        'Demandes non satisfaites par jour;05/01/2026;0',
        'Demandes déposées par jour;06/01/2026;3',
        'Demandes orientées par jour;06/01/2026;1',
        'Demandes non satisfaites par jour;06/01/2026;2',
        'Demandes déposées par jour;07/01/2026;2',
        'Demandes orientées par jour;07/01/2026;0',
        'Demandes non satisfaites par jour;07/01/2026;1',
        '',
      ]);
    });

    it('is for coordinators, and refuses a reversed period naming the field', async () => {
      expectProblem(await t.http(a.platform).get(`/api/v1/monitoring/indicators?${PERIOD}`), 403);
      expectProblem(
        await t
          .http(a.coordinator)
          .get(
            `/api/v1/monitoring/indicators?from=${encodeURIComponent(TO)}&to=${encodeURIComponent(FROM)}`,
          ),
        400,
        'to',
      );
      expectProblem(
        await t.http(a.coordinator).get('/api/v1/monitoring/indicators?from=yesterday'),
        400,
        'from',
      );
    });
  });

  describe('requests at risk, pending and unmet', () => {
    let soon: string;
    let later: string;
    let calm: string;

    beforeAll(async () => {
      const hour = 3_600_000;
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString();
      [soon, later, calm] = await t.db.tenant(b.cpts.id, async (m) => [
        await insertRequest(m, {
          status: 'pending',
          createdAt: iso(now - 47 * hour),
          deadlineAt: iso(now + hour + 30_000),
          reason: 'fièvre',
        }),
        await insertRequest(m, {
          kind: 'referring_physician',
          status: 'offered',
          createdAt: iso(now - 40 * hour),
          deadlineAt: iso(now + 8 * hour + 30_000),
        }),
        await insertRequest(m, {
          status: 'pending',
          createdAt: iso(now - hour),
          deadlineAt: iso(now + 47 * hour),
        }),
        await insertRequest(m, {
          status: 'booked',
          createdAt: iso(now - 47 * hour),
          deadlineAt: iso(now + hour),
        }),
      ]);
    });

    it('lists open requests within ESCALATE_BEFORE of their deadline, nearest first, with time left', async () => {
      const response = await t
        .http(b.coordinator)
        .get('/api/v1/monitoring/requests?state=at_risk')
        .expect(200);
      expect(response.body.nextCursor).toBeNull();
      expect(
        (response.body.items as Array<{ id: string; minutesLeft: number; status: string }>).map(
          (item) => [item.id, item.minutesLeft, item.status],
        ),
      ).toEqual([
        [soon, 60, 'pending'],
        [later, 480, 'offered'],
      ]);
      expect(response.body.items[0]).toMatchObject({
        reason: 'fièvre',
        communeName: 'Auray',
        deadlineAt: expect.stringMatching(/\+0[12]:00$/),
      });
    });

    it('pages every open request by deadline with a cursor', async () => {
      const first = await t
        .http(b.platform)
        .get('/api/v1/monitoring/requests?state=pending&limit=2')
        .expect(200);
      expect((first.body.items as Array<{ id: string }>).map((item) => item.id)).toEqual([
        soon,
        later,
      ]);
      const second = await t
        .http(b.platform)
        .get(`/api/v1/monitoring/requests?state=pending&limit=2&cursor=${first.body.nextCursor}`)
        .expect(200);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ id: calm })],
        nextCursor: null,
      });
    });

    it('lists unmet requests with their reason, within the caller CPTS only', async () => {
      const response = await t
        .http(b.coordinator)
        .get('/api/v1/monitoring/requests?state=unmet')
        .expect(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({ unmetReason: 'caps_reached', status: 'unmet' }),
      ]);
    });

    it('refuses an unknown state, a foreign cursor, and practitioners', async () => {
      expectProblem(
        await t.http(b.coordinator).get('/api/v1/monitoring/requests?state=late'),
        400,
        'state',
      );
      expectProblem(
        await t.http(b.coordinator).get('/api/v1/monitoring/requests?state=pending&cursor=abc'),
        400,
        'cursor',
      );
      const gp = await createPractitioner(t, b.cpts.id);
      const practitioner = await t.token(b.cpts.id, 'practitioner', gp);
      expectProblem(
        await t.http(practitioner).get('/api/v1/monitoring/requests?state=pending'),
        403,
      );
    });
  });
});
