import request from 'supertest';

import { runCli } from './support/cli';
import { mailsTo } from './support/mailbox';
import { cookieHeader } from './support/people';
import { createPractitioner } from './support/slot-fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('cli: people:invite makes the first coordinator', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  const invite = (...options: string[]) => runCli(t.database.url, ['people:invite', ...options]);
  const server = () => t.app.getHttpServer() as Parameters<typeof request>[0];

  it('e-mails a sign-in link and prints it alone on the last line; the link opens the dashboard', async () => {
    const run = invite(
      '--email',
      'Coordination@CPTS.test',
      '--role',
      'coordinator',
      '--name',
      'Mme Coordination',
    );
    expect(run.status).toBe(0);
    const link = run.stdout.trimEnd().split('\n').at(-1)!;
    expect(link).toMatch(/^http:\/\/localhost:3000\/auth\/link\/[\w-]{43}$/);
    expect(run.stderr).toMatch(
      /invitation e-mailed to coordination@cpts\.test \(coordinator, CPTS default\)/,
    );
    const [mail] = await mailsTo(t, 'coordination@cpts.test');
    expect(mail).toEqual(expect.objectContaining({ template: 'person.invitation', link }));

    const opened = await request(server()).get(new URL(link).pathname).expect(303);
    expect(opened.headers.location).toBe('/dashboard');
    const me = await request(server())
      .get('/api/v1/session')
      .set('Cookie', cookieHeader(opened.headers['set-cookie']))
      .expect(200);
    expect(me.body).toEqual(
      expect.objectContaining({
        role: 'coordinator',
        person: expect.objectContaining({ displayName: 'Mme Coordination' }),
      }),
    );
  });

  it('invites a GP by their RPPS, to their own space', async () => {
    const [cpts] = await t.db.system((m) => m.query<Array<{ id: string }>>(`SELECT id FROM cpts`));
    await createPractitioner(t, cpts.id, { rpps: '11122233344', email: 'dr.cli@cpts.test' });
    const run = invite(
      '--email',
      'dr.cli@cpts.test',
      '--role',
      'practitioner',
      '--practitioner',
      '11122233344',
    );
    expect(run.status).toBe(0);
    const opened = await request(server())
      .get(new URL(run.stdout.trimEnd().split('\n').at(-1)!).pathname)
      .expect(303);
    expect(opened.headers.location).toBe('/medecin');
  });

  it('refuses a bad role, a practitioner without RPPS, and an unknown RPPS, saying why', () => {
    const platform = invite('--email', 'x@cpts.test', '--role', 'platform');
    expect(platform.status).not.toBe(0);
    expect(platform.stderr).toMatch(/--role must be one of coordinator, operator, practitioner/);
    const noRpps = invite('--email', 'x@cpts.test', '--role', 'practitioner');
    expect(noRpps.status).not.toBe(0);
    expect(noRpps.stderr).toMatch(/--practitioner RPPS is required/);
    const unknown = invite(
      '--email',
      'x@cpts.test',
      '--role',
      'practitioner',
      '--practitioner',
      '99999999999',
    );
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/no practitioner with RPPS 99999999999/);
  });
});
