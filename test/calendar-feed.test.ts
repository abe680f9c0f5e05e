import { expectProblem } from './support/problem';
import { bookSlot, createPractitioner, createSlot } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

describe('practitioner calendar feed (iCal)', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let id: string;
  let own: string;

  const feedUrl = (practitionerId: string) =>
    `/api/v1/practitioners/${practitionerId}/calendar-feed`;
  const pathOf = (url: string) => new URL(url).pathname;
  const feeds = () =>
    t.db.system((manager) =>
      manager.query<Array<{ revoked: boolean }>>(
        `SELECT revoked_at IS NOT NULL AS revoked FROM calendar_feed WHERE practitioner_id = $1 ORDER BY created_at`,
        [id],
      ),
    );

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://cpts.example' });
    a = await t.tenant('alpha');
    b = await t.tenant('beta');
    id = await createPractitioner(t, a.cpts.id, { lastName: 'Le Goff' });
    own = await t.token(a.cpts.id, 'practitioner', id);
    for (const minutes of [-6 * 24 * 60, -8 * 24 * 60, 120, 31 * 24 * 60]) {
      await createSlot(t, a.cpts.id, id, minutes);
    }
    const [future] = await t.db.system((manager) =>
      manager.query<Array<{ id: string }>>(
        `SELECT id FROM slot WHERE practitioner_id = $1 AND starts_at > now() ORDER BY starts_at`,
        [id],
      ),
    );
    await bookSlot(t, future.id);
  });

  afterAll(() => t.close());

  it('gives the practitioner a secret URL whose calendar lists the last 7 and next 30 days', async () => {
    const issued = await t.http(own).post(feedUrl(id)).expect(201);
    expect(issued.body.url).toMatch(
      /^https:\/\/cpts\.example\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    const calendar = await t.http().get(pathOf(issued.body.url)).expect(200);
    expect(calendar.headers['content-type']).toMatch(/^text\/calendar/);
    const text = calendar.text.replace(/\r\n[ \t]/g, '');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text).toContain('SUMMARY:Créneau SNP libre');
    expect(text).toContain('SUMMARY:Consultation SNP');
    expect(text).toMatch(/URL;VALUE=URI:https:\/\/cpts\.example\/dashboard\?practitioner=/);
    expect(text).not.toMatch(/DESCRIPTION|ATTENDEE|LOCATION/);
    const secret = /calendar\/(.+)\.ics$/.exec(issued.body.url as string)?.[1] ?? '';
    const stored = await t.db.system((manager) =>
      manager.query<Array<{ hex: string }>>(
        `SELECT encode(secret_hash, 'hex') AS hex FROM calendar_feed`,
      ),
    );
    expect(stored.map((row) => row.hex).join()).not.toContain(Buffer.from(secret).toString('hex'));
  });

  it('replaces the previous URL on a new one, and revokes on DELETE', async () => {
    const first = await t.http(a.coordinator).post(feedUrl(id)).expect(201);
    const second = await t.http(a.coordinator).post(feedUrl(id)).expect(201);
    expectProblem(await t.http().get(pathOf(first.body.url)), 404);
    await t.http().get(pathOf(second.body.url)).expect(200);
    await t.http(own).delete(feedUrl(id)).expect(204);
    expectProblem(await t.http().get(pathOf(second.body.url)), 404);
    expect((await feeds()).every((feed) => feed.revoked)).toBe(true);
  });

  it('answers 404 for an unknown secret', async () => {
    expectProblem(await t.http().get('/api/v1/calendar/not-a-secret.ics'), 404);
    expectProblem(await t.http().get(`/api/v1/calendar/${'A'.repeat(43)}.ics`), 404);
  });

  it('is for the practitioner itself and the coordinator, within the CPTS', async () => {
    const before = await feeds();
    const other = await createPractitioner(t, a.cpts.id);
    expectProblem(await t.http(own).post(feedUrl(other)), 403);
    expectProblem(await t.http(own).delete(feedUrl(other)), 403);
    expectProblem(await t.http(a.platform).post(feedUrl(id)), 403);
    expectProblem(await t.http(b.coordinator).post(feedUrl(id)), 404);
    expectProblem(await t.http(b.coordinator).delete(feedUrl(id)), 404);
    const malformed = await t.http(a.coordinator).post(feedUrl('nope'));
    expectProblem(malformed, 400, 'id');
    expect(malformed.body.errors).toHaveLength(1);
    expectProblem(await t.http().post(feedUrl(id)), 401);
    expect(await feeds()).toEqual(before);
  });
});
