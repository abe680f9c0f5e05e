import { accessSync, constants, readFileSync } from 'node:fs';

import { parseDuration } from './duration';

export type AppRole = 'api' | 'worker' | 'all';
export type SmsProvider = 'log' | 'brevo';

/** Every environment variable the service reads, typed and validated by `loadConfig`. */
export interface AppSettings {
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  readonly redisUrl: string | undefined;
  readonly queuePrefix: string;
  readonly appRole: AppRole;
  readonly runMigrations: boolean;
  /** Connections to PostgreSQL per instance (see README: about four per PostgreSQL core). */
  readonly databasePoolSize: number;
  /** Parameterised statements prepared once per connection; off behind PgBouncer < 1.21. */
  readonly preparedStatements: boolean;
  readonly orientationDeadlineMs: number;
  readonly escalateBeforeMs: number;
  readonly offerTtlMs: number;
  /** How long a proposed slot stays held for the patient on the phone. */
  readonly holdTtlMs: number;
  /** How long a GP asked to see an urgent patient in surnuméraire has to answer. */
  readonly surnumeraireAnswerWithinMs: number;
  readonly minLeadTimeMs: number;
  readonly sweepIntervalMs: number;
  /** How often an idle event stream gets a comment, so that proxies keep it open. */
  readonly sseHeartbeatMs: number;
  /** How long a closed request keeps its patient's identity before it is pseudonymised. */
  readonly patientDataRetentionMs: number;
  readonly matchRadiusKm: number;
  /** How often weekly patterns are turned into slots, and how far ahead. */
  readonly patternGenerateEveryMs: number;
  readonly patternHorizonMs: number;
  readonly matchWidenEveryMs: number;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly smsProvider: SmsProvider;
  readonly smsApiUrl: string;
  readonly smsApiKey: string | undefined;
  readonly smsSender: string;
  readonly coordinatorEmails: string[];
  readonly notificationAttempts: number;
  readonly notificationBackoffMs: number;
  readonly notificationTimeoutMs: number;
  readonly notificationStalledAfterMs: number;
  readonly smsPerSecond: number;
  readonly emailPerSecond: number;
  readonly webhookPerSecond: number;
  readonly rateLimitPerMinute: number;
  readonly logLevel: string;
  readonly publicUrl: string;
  /** Staff sessions end after this long without a request, and at the latest after sessionMaxMs. */
  readonly sessionIdleMs: number;
  readonly sessionMaxMs: number;
  /** How long a link in a message to a GP opens their space. */
  readonly practitionerLinkTtlMs: number;
  /** A GP's new-patient declaration counts as not accepting once this old. */
  readonly capacityConfirmEveryMs: number;
  /** The questionnaire campaign reminds those who have not answered after this long. */
  readonly campaignRemindAfterMs: number;
  /** Pro Santé Connect; without an issuer the button is not shown. */
  readonly psc: PscConfig | undefined;
  /** The mutual-TLS listener of the SAS platform's FHIR searches; without it, not served. */
  readonly fhirTls: FhirTlsConfig | undefined;
  /** INT_R03, appointment feedback to the national SAS platform; without it, nothing is queued. */
  readonly sas: SasConfig | undefined;
}

/**
 * The configuration's injection token: never instantiated, its provider's value is the plain object
 * `loadConfig` builds, and the interface of the same name gives it its type.
 */
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging -- the class is a token only */
export abstract class AppConfig {}

export interface AppConfig extends AppSettings {
  /** Cookies are `Secure` (and `__Host-` prefixed) when people reach the service over https. */
  readonly secureCookies: boolean;
  /** Demo mode: no external database, so the service runs its own and seeds a demo territory. */
  readonly demo: boolean;
  readonly runsApi: boolean;
  readonly runsWorker: boolean;
}
/* eslint-enable @typescript-eslint/no-unsafe-declaration-merging */

export interface PscConfig {
  issuer: string;
  /** Default: the issuer + `/.well-known/wallet-openid-configuration` (PSC's own path). */
  discoveryUrl: string | undefined;
  clientId: string;
  clientSecret: string;
}

/** A client certificate subject allowed on the FHIR listener. */
export interface AllowedClient {
  cn: string;
  ou: string;
}

export interface FhirTlsConfig {
  port: number;
  /** Paths of PEM files: the server's certificate chain and key, the accepted client authorities. */
  certFile: string;
  keyFile: string;
  clientCaFile: string;
  allowedClients: AllowedClient[];
}

/** Mutual TLS towards the SAS platform: PEM texts (read from files when a path is given). */
export interface SasConfig {
  /** The FHIR base, `[base]/Appointment` is posted to. */
  appointmentUrl: string;
  clientCert: string;
  clientKey: string;
  serverCa: string;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

class Reader {
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ConfigError(`${name} must be a URL (${protocols.join(', ')}), got "${value}"`);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new ConfigError(
        `${name} must be a URL (${protocols.join(', ')}), got protocol "${parsed.protocol}"`,
      );
    }
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
  }

  duration(name: string, fallback: string): number {
    const value = this.raw(name) ?? fallback;
    const ms = parseDuration(value);
    if (ms === undefined || ms <= 0) {
      throw new ConfigError(`${name} must be a duration such as ${fallback}, got "${value}"`);
    }
    return ms;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const value = this.raw(name) ?? fallback;
    if (!(values as readonly string[]).includes(value)) {
      throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${value}"`);
    }
    return value as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
    throw new ConfigError(`${name} must be true or false, got "${value}"`);
  }

  emails(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    const emails = value.split(',').map((email) => email.trim());
    const bad = emails.find((email) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email));
    if (bad !== undefined) {
      throw new ConfigError(`${name} must be comma-separated e-mail addresses, got "${bad}"`);
    }
    return emails;
  }
}

function readPsc(read: Reader): PscConfig | undefined {
  const issuer = read.url('PSC_ISSUER', ['http', 'https']);
  if (issuer === undefined) return undefined;
  const clientId = read.optional('PSC_CLIENT_ID');
  const clientSecret = read.optional('PSC_CLIENT_SECRET');
  if (clientId === undefined || clientSecret === undefined) {
    throw new ConfigError('PSC_CLIENT_ID and PSC_CLIENT_SECRET must be set when PSC_ISSUER is');
  }
  return {
    issuer: issuer.replace(/\/+$/, ''),
    discoveryUrl: read.url('PSC_DISCOVERY_URL', ['http', 'https']),
    clientId,
    clientSecret,
  };
}

/** Whether a group of variables is set; some without the others is refused, naming those missing. */
function allOrNone(read: Reader, names: readonly string[], why: string): boolean {
  const given = names.filter((name) => read.optional(name) !== undefined);
  if (given.length === 0) return false;
  if (given.length < names.length) {
    const missing = names.filter((name) => !given.includes(name));
    throw new ConfigError(`${missing.join(', ')} must be set with ${given.join(', ')}: ${why}`);
  }
  return true;
}

const FHIR_TLS_VARIABLES = [
  'FHIR_TLS_PORT',
  'FHIR_TLS_CERT',
  'FHIR_TLS_KEY',
  'FHIR_TLS_CLIENT_CA',
  'FHIR_TLS_ALLOWED_CLIENTS',
] as const;

/** `CN=…/OU=…,CN=…/OU=…`: each subject names both its CN and its OU. */
export function parseAllowedClients(value: string): AllowedClient[] | undefined {
  const clients: AllowedClient[] = [];
  for (const subject of value.split(',')) {
    const fields = new Map<string, string>();
    for (const part of subject.trim().split('/')) {
      const equals = part.indexOf('=');
      if (equals <= 0) return undefined;
      fields.set(part.slice(0, equals).trim().toUpperCase(), part.slice(equals + 1).trim());
    }
    const cn = fields.get('CN');
    const ou = fields.get('OU');
    if (!cn || !ou || fields.size !== 2) return undefined;
    clients.push({ cn, ou });
  }
  return clients;
}

function readFhirTls(read: Reader): FhirTlsConfig | undefined {
  if (!allOrNone(read, FHIR_TLS_VARIABLES, 'the FHIR listener needs all of FHIR_TLS_* or none')) {
    return undefined;
  }
  const file = (name: string): string => {
    const path = read.optional(name) as string;
    try {
      accessSync(path, constants.R_OK);
    } catch {
      throw new ConfigError(`${name} must be a readable PEM file, got "${path}"`);
    }
    return path;
  };
  const allowed = read.optional('FHIR_TLS_ALLOWED_CLIENTS') as string;
  const allowedClients = parseAllowedClients(allowed);
  if (!allowedClients) {
    throw new ConfigError(
      `FHIR_TLS_ALLOWED_CLIENTS must be comma-separated subjects such as CN=sas.example.fr/OU=SAS, got "${allowed}"`,
    );
  }
  return {
    port: read.integer('FHIR_TLS_PORT', 0, 0, 65535),
    certFile: file('FHIR_TLS_CERT'),
    keyFile: file('FHIR_TLS_KEY'),
    clientCaFile: file('FHIR_TLS_CLIENT_CA'),
    allowedClients,
  };
}

const SAS_VARIABLES = ['SAS_APPOINTMENT_URL', 'SAS_CLIENT_CERT', 'SAS_CLIENT_KEY', 'SAS_SERVER_CA'];

/** A PEM given inline, or the path of a file holding it. */
function pem(name: string, value: string): string {
  if (value.startsWith('-----BEGIN')) return value.replace(/\\n/g, '\n');
  try {
    return readFileSync(value, 'utf8');
  } catch {
    throw new ConfigError(
      `${name} must be a PEM or the path of a readable PEM file, got "${value}"`,
    );
  }
}

function readSas(read: Reader): SasConfig | undefined {
  if (!allOrNone(read, SAS_VARIABLES, 'INT_R03 needs all of SAS_* or none')) return undefined;
  const appointmentUrl = read.url('SAS_APPOINTMENT_URL', ['https']) as string;
  return {
    appointmentUrl: appointmentUrl.replace(/\/+$/, ''),
    clientCert: pem('SAS_CLIENT_CERT', read.optional('SAS_CLIENT_CERT') as string),
    clientKey: pem('SAS_CLIENT_KEY', read.optional('SAS_CLIENT_KEY') as string),
    serverCa: pem('SAS_SERVER_CA', read.optional('SAS_SERVER_CA') as string),
  };
}

/** Reads and validates the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const read = new Reader(env);
  const port = read.integer('PORT', 3000, 0, 65535);
  const settings: AppSettings = {
    port,
    databaseUrl: read.url('DATABASE_URL', ['postgres', 'postgresql']),
    dataDir: read.string('DATA_DIR', '.data'),
    embeddedPostgresPort: read.integer('EMBEDDED_POSTGRES_PORT', 54329, 1024, 65535),
    redisUrl: read.url('REDIS_URL', ['redis', 'rediss']),
    queuePrefix: read.string('QUEUE_PREFIX', 'cpts'),
    appRole: read.oneOf('APP_ROLE', ['api', 'worker', 'all'] as const, 'all'),
    runMigrations: read.boolean('RUN_MIGRATIONS', true),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 8, 2, 200),
    preparedStatements: read.boolean('DATABASE_PREPARED_STATEMENTS', true),
    orientationDeadlineMs: read.duration('ORIENTATION_DEADLINE', '48h'),
    escalateBeforeMs: read.duration('ESCALATE_BEFORE', '12h'),
    offerTtlMs: read.duration('OFFER_TTL', '12h'),
    holdTtlMs: read.duration('HOLD_TTL', '5m'),
    surnumeraireAnswerWithinMs: read.duration('SURNUMERAIRE_ANSWER_WITHIN', '30m'),
    minLeadTimeMs: read.duration('MIN_LEAD_TIME', '30m'),
    sweepIntervalMs: read.duration('SWEEP_INTERVAL', '1m'),
    sseHeartbeatMs: read.duration('SSE_HEARTBEAT', '15s'),
    patientDataRetentionMs: read.duration('PATIENT_DATA_RETENTION', '90d'),
    patternGenerateEveryMs: read.duration('PATTERN_GENERATE_EVERY', '1h'),
    patternHorizonMs: read.duration('PATTERN_HORIZON', '14d'),
    matchRadiusKm: read.integer('MATCH_RADIUS_KM', 10, 1, 1000),
    matchWidenEveryMs: read.duration('MATCH_WIDEN_EVERY', '6h'),
    smtpUrl: read.url('SMTP_URL', ['smtp', 'smtps']),
    mailFrom: read.string('MAIL_FROM', 'CPTS <no-reply@localhost>'),
    smsProvider: read.oneOf('SMS_PROVIDER', ['log', 'brevo'] as const, 'log'),
    smsApiUrl: read.url('SMS_API_URL', ['http', 'https']) ?? 'https://api.brevo.com',
    smsApiKey: read.optional('SMS_API_KEY'),
    smsSender: read.string('SMS_SENDER', 'CPTS'),
    coordinatorEmails: read.emails('COORDINATOR_EMAILS'),
    notificationAttempts: read.integer('NOTIFICATION_ATTEMPTS', 8, 1, 50),
    notificationBackoffMs: read.duration('NOTIFICATION_BACKOFF', '30s'),
    notificationTimeoutMs: read.duration('NOTIFICATION_TIMEOUT', '10s'),
    notificationStalledAfterMs: read.duration('NOTIFICATION_STALLED_AFTER', '30s'),
    smsPerSecond: read.integer('SMS_PER_SECOND', 10, 1, 10_000),
    emailPerSecond: read.integer('EMAIL_PER_SECOND', 10, 1, 10_000),
    webhookPerSecond: read.integer('WEBHOOK_PER_SECOND', 50, 1, 10_000),
    rateLimitPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 6000, 1, 10_000_000),
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    publicUrl: (read.url('PUBLIC_URL', ['http', 'https']) ?? `http://localhost:${port}`).replace(
      /\/+$/,
      '',
    ),
    sessionIdleMs: read.duration('SESSION_IDLE', '30m'),
    sessionMaxMs: read.duration('SESSION_MAX', '12h'),
    practitionerLinkTtlMs: read.duration('PRACTITIONER_LINK_TTL', '7d'),
    capacityConfirmEveryMs: read.duration('CAPACITY_CONFIRM_EVERY', '30d'),
    campaignRemindAfterMs: read.duration('CAMPAIGN_REMIND_AFTER', '5d'),
    psc: readPsc(read),
    fhirTls: readFhirTls(read),
    sas: readSas(read),
  };
  if (settings.escalateBeforeMs >= settings.orientationDeadlineMs) {
    throw new ConfigError(
      `ESCALATE_BEFORE must be shorter than ORIENTATION_DEADLINE, got ${env.ESCALATE_BEFORE ?? '12h'}`,
    );
  }
  if (settings.patternHorizonMs > 92 * 86_400_000) {
    throw new ConfigError(`PATTERN_HORIZON must not exceed 92d, got ${env.PATTERN_HORIZON}`);
  }
  if (settings.smsProvider === 'brevo' && settings.smsApiKey === undefined) {
    throw new ConfigError('SMS_API_KEY must be set when SMS_PROVIDER is brevo');
  }
  if (!/^[A-Za-z0-9]{1,11}$/.test(settings.smsSender)) {
    throw new ConfigError(
      `SMS_SENDER must be 1 to 11 letters or digits, got "${settings.smsSender}"`,
    );
  }
  return {
    ...settings,
    secureCookies: settings.publicUrl.startsWith('https:'),
    demo: settings.databaseUrl === undefined,
    runsApi: settings.appRole !== 'worker',
    runsWorker: settings.appRole !== 'api',
  };
}
