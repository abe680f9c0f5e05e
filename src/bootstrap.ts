import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import type { Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { AppModule, AppRuntime } from './app.module';
import { quietStartup } from './common/logging';
import { openApiDocument } from './common/openapi-document';
import { validationPipe } from './common/validation';

export const API_PREFIX = 'api/v1';

/**
 * Compress what compression's defaults would, but never an event stream: gzip buffers its
 * output, and a stream's events must reach the client as they happen.
 */
function compressible(request: Request, response: Response): boolean {
  const type = response.getHeader('Content-Type');
  if (typeof type === 'string' && type.startsWith('text/event-stream')) return false;
  return compression.filter(request, response);
}

/** Builds the application with everything but the process concerns (signals, embedded database). */
export async function createApp(runtime: AppRuntime): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(runtime), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(quietStartup(app.get(Logger)));
  app.use(helmet());
  app.use(compression({ filter: compressible }));
  app.use(cookieParser());
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      'health/live',
      'health/ready',
      'metrics',
      'dashboard',
      'dashboard/:asset',
      'medecin',
      'medecin/:asset',
      'medecin/questionnaire',
      'plateforme',
      'plateforme/:asset',
      'ui/:asset',
      'connexion',
      'auth/link',
      'auth/link/:token',
      'auth/logout',
      'auth/psc/login',
      'auth/psc/callback',
    ],
  });
  app.useGlobalPipes(validationPipe());
  const document = openApiDocument(app, API_PREFIX, runtime.config.secureCookies);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
