import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface PscProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Any free port by default. */
  port?: number;
}

export interface PscProvider {
  issuer: string;
  stop(): Promise<void>;
}

const SCRIPT = resolve(__dirname, 'psc-provider.main.mjs');
const START_TIMEOUT_MS = 15_000;

/** Starts the test Pro Santé Connect (test/support/psc-provider.main.mjs) on a free loopback port. */
export async function startPscProvider(options: PscProviderOptions): Promise<PscProvider> {
  const child = spawn(process.execPath, [SCRIPT], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(options.port ?? 0),
      CLIENT_ID: options.clientId,
      CLIENT_SECRET: options.clientSecret,
      REDIRECT_URI: options.redirectUri,
      TOKEN_ENDPOINT_AUTH_METHOD: options.tokenEndpointAuthMethod ?? 'client_secret_basic',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    const issuer = await Promise.race([
      firstLine(child.stdout).then((line) => (JSON.parse(line) as { issuer: string }).issuer),
      exited.then(() => Promise.reject(new Error('the provider exited before listening'))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('the provider did not start in time')),
          START_TIMEOUT_MS,
        );
      }),
    ]);
    return { issuer, stop };
  } catch (error) {
    await stop();
    throw new Error(`Test PSC provider: ${(error as Error).message}\n${stderr.join('')}`);
  } finally {
    clearTimeout(timer);
  }
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input: stream });
  return new Promise((done) => lines.once('line', (line) => done(line)));
}
