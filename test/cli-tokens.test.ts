import { runCli } from './support/cli';
import { startTestApp, TestApp } from './support/test-app';

/** The token is alone on the last line of stdout (API.md), so that scripts can capture it. */
function lastLine(stdout: string): string {
  return stdout.trimEnd().split('\n').at(-1) ?? '';
}

describe('cli: tokens:create and cpts:create, as an operator runs them', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  const tokensCreate = (...options: string[]) =>
    runCli(t.database.url, ['tokens:create', ...options]);

  it('makes the first coordinator token, creating the default CPTS when there is none', async () => {
    const run = tokensCreate('--role', 'coordinator', '--label', 'Coordination');
    expect(run.status).toBe(0);
    const token = lastLine(run.stdout);
    expect(run.stdout.trim()).toBe(token);
    expect(run.stderr).toMatch(/\(coordinator\) for CPTS default/);

    const territory = await t.http(token).get('/api/v1/territory').expect(200);
    expect(territory.body).toMatchObject({ name: 'CPTS' });
    const [stored] = await t.db.system((m) =>
      m.query<Array<{ n: number; hashed: boolean }>>(
        `SELECT count(*)::int AS n, bool_and(token_hash <> $1) AS hashed FROM access_token`,
        [token],
      ),
    );
    expect(stored).toEqual({ n: 1, hashed: true });
  });

  it('asks which CPTS once there are several, and binds the token to the one named', async () => {
    const created = runCli(t.database.url, [
      'cpts:create',
      '--slug',
      'auray',
      '--name',
      "CPTS du Pays d'Auray",
    ]);
    expect(created.status).toBe(0);
    const cptsId = lastLine(created.stdout);

    const ambiguous = tokensCreate('--role', 'platform', '--label', 'SAS 56');
    expect(ambiguous.status).not.toBe(0);
    expect(ambiguous.stderr).toMatch(/several CPTS exist \(.*auray.*\): name one/);

    const run = tokensCreate('--role', 'platform', '--label', 'SAS 56', '--cpts', 'auray');
    expect(run.status).toBe(0);
    const token = lastLine(run.stdout);
    const territory = await t.http(token).get('/api/v1/territory').expect(200);
    expect(territory.body).toMatchObject({ name: "CPTS du Pays d'Auray" });
    // A platform token: the coordinator's routes stay closed to it.
    await t.http(token).get('/api/v1/monitoring/indicators').expect(403);
    const [row] = await t.db.system((m) =>
      m.query<Array<{ cpts_id: string; role: string }>>(
        `SELECT cpts_id, role FROM access_token WHERE label = 'SAS 56'`,
      ),
    );
    expect(row).toEqual({ cpts_id: cptsId, role: 'platform' });
  });

  it('records the FINESS and phone of a new CPTS, refusing a malformed FINESS', async () => {
    const created = runCli(t.database.url, [
      'cpts:create',
      '--slug',
      'vannes',
      '--name',
      'CPTS de Vannes',
      '--finess',
      '560099992',
      '--phone',
      '02 97 00 00 02',
    ]);
    expect(created.status).toBe(0);
    const [row] = await t.db.system((m) =>
      m.query<Array<{ finess: string; phone: string }>>(
        `SELECT finess, phone FROM cpts WHERE slug = 'vannes'`,
      ),
    );
    expect(row).toEqual({ finess: '560099992', phone: '+33297000002' });
    const bad = runCli(t.database.url, [
      'cpts:create',
      '--slug',
      'lorient',
      '--name',
      'CPTS de Lorient',
      '--finess',
      '56009999',
    ]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/finess must be the 9 digits of a FINESS number/);
  });

  it('refuses an unknown role or CPTS with a message, and creates nothing', async () => {
    const badRole = tokensCreate('--role', 'admin', '--label', 'x', '--cpts', 'auray');
    expect(badRole.status).not.toBe(0);
    expect(badRole.stderr).toContain('--role must be one of coordinator, platform, practitioner');
    const badCpts = tokensCreate('--role', 'platform', '--label', 'x', '--cpts', 'nowhere');
    expect(badCpts.status).not.toBe(0);
    expect(badCpts.stderr).toMatch(/CPTS nowhere/);
    const [row] = await t.db.system((m) =>
      m.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM access_token WHERE label = 'x'`,
      ),
    );
    expect(row.n).toBe(0);
  });
});
