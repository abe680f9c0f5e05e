import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

import { freePort } from './service-process';

async function listen(server: Server | SMTPServer): Promise<number> {
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return port;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

export interface BrevoSend {
  tag: string;
  sender: string;
  recipient: string;
  content: string;
  type: string;
  apiKey: string | undefined;
  at: number;
}

/** How the fake answers the n-th send (from 1) of one tag: a status, or holding the answer. */
export type BrevoAnswer = { status: number; retryAfter?: string } | 'hold';

/**
 * Brevo's transactional SMS endpoints: sends are recorded and accepted with 201 unless the script
 * says otherwise; a held send counts as accepted (Brevo took it, its answer never came back). The
 * event log answers by tag, as Brevo's statistics/events does.
 */
export class FakeBrevo {
  readonly sends: BrevoSend[] = [];
  readonly accepted = new Map<string, number>();
  eventQueries = 0;
  script: (tag: string, nth: number) => BrevoAnswer = () => ({ status: 201 });
  private readonly held: ServerResponse[] = [];
  private server = createServer((request, response) => void this.handle(request, response));
  url = '';

  async start(): Promise<this> {
    this.url = `http://127.0.0.1:${await listen(this.server)}`;
    return this;
  }

  sendsOf(tag: string): BrevoSend[] {
    return this.sends.filter((send) => send.tag === tag);
  }

  /** Drops held connections, as a crash of the caller would. */
  releaseHeld(): void {
    for (const response of this.held.splice(0)) response.socket?.destroy();
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method === 'POST' && url.pathname === '/v3/transactionalSMS/send') {
      const body = JSON.parse(await readBody(request)) as Omit<BrevoSend, 'apiKey' | 'at'>;
      const send = { ...body, apiKey: request.headers['api-key'] as string, at: Date.now() };
      this.sends.push(send);
      const answer = this.script(send.tag, this.sendsOf(send.tag).length);
      if (answer === 'hold') {
        this.accepted.set(send.tag, this.sends.length);
        this.held.push(response);
        return;
      }
      if (answer.status === 201) this.accepted.set(send.tag, this.sends.length);
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        ...(answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}),
      });
      response.end(
        JSON.stringify(
          answer.status === 201
            ? { reference: 'ref', messageId: this.sends.length }
            : { code: 'error', message: 'scripted failure' },
        ),
      );
      return;
    }
    if (request.method === 'GET' && url.pathname === '/v3/transactionalSMS/statistics/events') {
      this.eventQueries += 1;
      const tag = url.searchParams.get('tags') ?? '';
      const messageId = this.accepted.get(tag);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          events: messageId ? [{ tag, event: 'accepted', messageId: String(messageId) }] : [],
        }),
      );
      return;
    }
    response.writeHead(404).end();
  }
}

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** An SMTP server in the test process, keeping every message it accepts. */
export class FakeSmtp {
  readonly mails: ReceivedMail[] = [];
  url = '';
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        this.mails.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString(),
        });
        done();
      });
    },
  });

  async start(): Promise<this> {
    this.url = `smtp://127.0.0.1:${await listen(this.server)}`;
    return this;
  }

  mailsTo(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address));
  }

  /** The mails whose Message-ID header is `messageId` (`<…@…>`, as the sender recorded it). */
  mailsWithMessageId(messageId: string): ReceivedMail[] {
    return this.mails.filter((mail) => /^message-id:\s*(\S+)/im.exec(mail.raw)?.[1] === messageId);
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

export interface ReceivedHook {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A call platform's webhook endpoint. */
export class FakePlatform {
  readonly hooks: ReceivedHook[] = [];
  private readonly server = createServer((request, response) => {
    void readBody(request).then((body) => {
      this.hooks.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  url = '';

  async start(): Promise<this> {
    await listen(this.server);
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/cpts`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

/** A Redis of the test's own, on a free port, that the test stops and starts again. */
export class DedicatedRedis {
  private process: ChildProcess | undefined;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    this.process = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!/Ready to accept connections/.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error('redis-server did not start');
      await new Promise((done) => setTimeout(done, 20));
    }
    return this;
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}
