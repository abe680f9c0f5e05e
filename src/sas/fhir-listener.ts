import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

import { LISTENER_ROUTES } from '../access/route-table';
import { type AllowedClient, AppConfig, type FhirTlsConfig } from '../config/app-config';
import { operationOutcome } from './fhir-documents';
import { FHIR_JSON } from './fhir-vocabulary';
import { type FhirAnswer, SasSearchService } from './sas-search.service';

/** Whether a certificate subject (CN and OU, each possibly repeated) is one of those allowed. */
export function subjectAllowed(
  subject: Record<string, string | string[] | undefined> | undefined,
  allowed: AllowedClient[],
): boolean {
  if (!subject) return false;
  const values = (field: string) => {
    const value = subject[field];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const cns = values('CN');
  const ous = values('OU');
  return allowed.some((client) => cns.includes(client.cn) && ous.includes(client.ou));
}

/**
 * The SAS platform's own HTTPS listener: mutual TLS (1.2 at least), the client's certificate from
 * an accepted authority (else the handshake fails) and its subject allowed (else 403). It serves
 * the FHIR routes alone, outside Nest's HTTP server, so that they are not reachable on PORT.
 */
@Injectable()
export class FhirListener implements OnApplicationShutdown {
  private readonly logger = new Logger('FhirListener');
  private server: Server | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly search: SasSearchService,
  ) {}

  /** Starts listening on FHIR_TLS_PORT; answers the port (useful when it is 0). */
  async start(host?: string): Promise<number> {
    const tls = this.config.fhirTls;
    if (!tls) throw new Error('FHIR_TLS_* are not set');
    const server = createServer(
      {
        cert: readFileSync(tls.certFile),
        key: readFileSync(tls.keyFile),
        ca: readFileSync(tls.clientCaFile),
        minVersion: 'TLSv1.2',
        requestCert: true,
        rejectUnauthorized: true,
      },
      (request, response) => void this.handle(tls, request, response),
    );
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(tls.port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(
    tls: FhirTlsConfig,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const started = Date.now();
    let answer: FhirAnswer;
    try {
      answer = await this.answer(tls, request);
    } catch (error) {
      this.logger.error(`FHIR ${request.method} failed: ${(error as Error).message}`);
      answer = {
        status: 500,
        body: operationOutcome('exception', [{ message: 'internal error' }]),
      };
    }
    const body = JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      'Content-Type': `${FHIR_JSON}; charset=utf-8`,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    this.logger.log(
      `FHIR ${request.method} ${(request.url ?? '').split('?')[0]} ${answer.status} ${Date.now() - started} ms`,
    );
  }

  private async answer(tls: FhirTlsConfig, request: IncomingMessage): Promise<FhirAnswer> {
    const socket = request.socket as TLSSocket;
    const subject = socket.getPeerCertificate()?.subject as
      Record<string, string | string[] | undefined> | undefined;
    if (!socket.authorized || !subjectAllowed(subject, tls.allowedClients)) {
      return {
        status: 403,
        body: operationOutcome('forbidden', [
          { message: 'this client certificate is not allowed here' },
        ]),
      };
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return {
        status: 405,
        body: operationOutcome('not-supported', [{ message: 'this endpoint is read-only' }]),
      };
    }
    const url = request.url ?? '/';
    const question = url.indexOf('?');
    const path = (question < 0 ? url : url.slice(0, question)).replace(/\/+$/, '');
    const rawQuery = question < 0 ? '' : url.slice(question + 1);
    const base = `https://${request.headers.host ?? 'localhost'}/fhir`;
    // The routes of LISTENER_ROUTES (src/access/route-table.ts), and no other.
    const route = LISTENER_ROUTES.find((known) => `/${known.path}` === path);
    if (!route) {
      return {
        status: 404,
        body: operationOutcome('not-found', [{ message: `no resource at ${path}` }]),
      };
    }
    return route.path === 'fhir/metadata'
      ? this.search.metadata(base)
      : this.search.searchSlots(base, rawQuery);
  }
}
