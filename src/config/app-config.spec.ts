import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError, loadConfig, parseAllowedClients } from './app-config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: '.data',
      databasePoolSize: 8,
      preparedStatements: true,
      redisUrl: undefined,
      appRole: 'all',
      orientationDeadlineMs: 48 * 3_600_000,
      escalateBeforeMs: 12 * 3_600_000,
      offerTtlMs: 12 * 3_600_000,
      minLeadTimeMs: 30 * 60_000,
      sweepIntervalMs: 60_000,
      patientDataRetentionMs: 90 * 86_400_000,
      patternGenerateEveryMs: 3_600_000,
      patternHorizonMs: 14 * 86_400_000,
      smsProvider: 'log',
      rateLimitPerMinute: 6000,
      coordinatorEmails: [],
    });
    expect(config.demo).toBe(true);
    expect(config.runsApi && config.runsWorker).toBe(true);
  });

  it('reads set values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/cpts',
      REDIS_URL: 'redis://cache:6379',
      APP_ROLE: 'worker',
      ORIENTATION_DEADLINE: '5s',
      ESCALATE_BEFORE: '3s',
      COORDINATOR_EMAILS: 'a@cpts.fr, b@cpts.fr',
      DATABASE_POOL_SIZE: '16',
      DATABASE_PREPARED_STATEMENTS: 'false',
    });
    expect(config.port).toBe(8080);
    expect(config.databasePoolSize).toBe(16);
    expect(config.preparedStatements).toBe(false);
    expect(config.demo).toBe(false);
    expect(config.runsApi).toBe(false);
    expect(config.orientationDeadlineMs).toBe(5000);
    expect(config.coordinatorEmails).toEqual(['a@cpts.fr', 'b@cpts.fr']);
  });

  it.each([
    [
      { ORIENTATION_DEADLINE: 'two days' },
      'ORIENTATION_DEADLINE must be a duration such as 48h, got "two days"',
    ],
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535, got "eighty"'],
    [{ DATABASE_POOL_SIZE: '1' }, 'DATABASE_POOL_SIZE must be an integer from 2 to 200, got "1"'],
    [{ APP_ROLE: 'both' }, 'APP_ROLE must be one of api, worker, all, got "both"'],
    [
      { DATABASE_URL: 'mysql://x' },
      'DATABASE_URL must be a URL (postgres, postgresql), got protocol "mysql:"',
    ],
    [
      { COORDINATOR_EMAILS: 'a@b.fr,nope' },
      'COORDINATOR_EMAILS must be comma-separated e-mail addresses, got "nope"',
    ],
    [
      { SMS_SENDER: 'CPTS du Pays' },
      'SMS_SENDER must be 1 to 11 letters or digits, got "CPTS du Pays"',
    ],
    [{ SMS_PROVIDER: 'brevo' }, 'SMS_API_KEY must be set when SMS_PROVIDER is brevo'],
    [
      { ESCALATE_BEFORE: '3d' },
      'ESCALATE_BEFORE must be shorter than ORIENTATION_DEADLINE, got 3d',
    ],
    [
      { SAS_APPOINTMENT_URL: 'https://sas.example/fhir', SAS_CLIENT_CERT: '/tmp/c.pem' },
      'SAS_CLIENT_KEY, SAS_SERVER_CA must be set with SAS_APPOINTMENT_URL, SAS_CLIENT_CERT: INT_R03 needs all of SAS_* or none',
    ],
  ])('rejects %p with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  describe('the FHIR listener (FHIR_TLS_*)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fhir-config-'));
    const pem = join(dir, 'x.pem');
    writeFileSync(pem, 'not read here');
    const all = {
      FHIR_TLS_PORT: '8443',
      FHIR_TLS_CERT: pem,
      FHIR_TLS_KEY: pem,
      FHIR_TLS_CLIENT_CA: pem,
      FHIR_TLS_ALLOWED_CLIENTS: 'CN=sas.example.fr/OU=SAS, CN=test.sas.fr/OU=Recette',
    };

    it('is off with none of the variables, and on with all', () => {
      expect(loadConfig({}).fhirTls).toBeUndefined();
      expect(loadConfig(all).fhirTls).toEqual({
        port: 8443,
        certFile: pem,
        keyFile: pem,
        clientCaFile: pem,
        allowedClients: [
          { cn: 'sas.example.fr', ou: 'SAS' },
          { cn: 'test.sas.fr', ou: 'Recette' },
        ],
      });
    });

    it('refuses some without the others, naming those missing', () => {
      expect(() => loadConfig({ FHIR_TLS_PORT: '8443', FHIR_TLS_CERT: pem })).toThrow(
        /FHIR_TLS_KEY, FHIR_TLS_CLIENT_CA, FHIR_TLS_ALLOWED_CLIENTS must be set/,
      );
    });

    it('refuses an unreadable file or a subject without CN and OU', () => {
      expect(() => loadConfig({ ...all, FHIR_TLS_KEY: join(dir, 'missing.pem') })).toThrow(
        /FHIR_TLS_KEY must be a readable PEM file/,
      );
      expect(() => loadConfig({ ...all, FHIR_TLS_ALLOWED_CLIENTS: 'CN=sas.example.fr' })).toThrow(
        ConfigError,
      );
      expect(parseAllowedClients('CN=a/OU=b/O=c')).toBeUndefined();
      expect(parseAllowedClients('cn=a/ou=b')).toEqual([{ cn: 'a', ou: 'b' }]);
    });
  });

  it('turns INT_R03 on with all four SAS variables, PEMs given inline', () => {
    const pem = '-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----';
    const config = loadConfig({
      SAS_APPOINTMENT_URL: 'https://sas.example/fhir/',
      SAS_CLIENT_CERT: pem,
      SAS_CLIENT_KEY: pem,
      SAS_SERVER_CA: pem,
    });
    expect(config.sas?.appointmentUrl).toBe('https://sas.example/fhir');
    expect(config.sas?.clientCert).toBe(
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    );
    expect(loadConfig({}).sas).toBeUndefined();
  });
});
