import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import SwaggerParser from '@apidevtools/swagger-parser';
import ts from 'typescript';

import { startTestApp, TestApp } from './support/test-app';

/**
 * The OpenAPI document is the machine contract call platforms generate their clients from: every
 * operation types its parameters, its body and each of its answers, errors included
 * (application/problem+json). A route added without types fails here, naming itself.
 */

type Schema = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: Array<Record<string, string[]>>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const PROBLEM = 'application/problem+json';

/** Why a schema gives a client no type, or undefined when it does. */
function untyped(
  schema: Schema | undefined,
  document: Document,
  seen = new Set<string>(),
): string | undefined {
  if (!schema) return 'no schema';
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return undefined;
    seen.add(name);
    const target = document.components.schemas[name];
    if (!target) return `dangling ${ref}`;
    const why = untyped(target, document, seen);
    return why && `${name}: ${why}`;
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const parts = schema[key] as Schema[] | undefined;
    if (parts) {
      const why = parts.map((part) => untyped(part, document, seen)).find(Boolean);
      return why;
    }
  }
  if (schema.type === 'array') {
    const why = untyped(schema.items as Schema | undefined, document, seen);
    return why && `items: ${why}`;
  }
  if (schema.type === 'object' || (schema.type === undefined && schema.properties)) {
    const properties = schema.properties as Record<string, Schema> | undefined;
    if (properties && Object.keys(properties).length > 0) {
      for (const [name, property] of Object.entries(properties)) {
        const why = untyped(property, document, seen);
        if (why) return `.${name}: ${why}`;
      }
      return undefined;
    }
    if (schema.additionalProperties !== undefined) return undefined;
    return 'an object without properties';
  }
  if (typeof schema.type === 'string') return undefined;
  if (Array.isArray(schema.enum)) return undefined;
  return `no type (${JSON.stringify(schema)})`;
}

/** Every reason an operation leaves a client without types; empty when none. */
export function operationFaults(
  operation: Operation,
  method: string,
  document: Document,
): string[] {
  const faults: string[] = [];
  for (const parameter of operation.parameters ?? []) {
    const why = untyped(parameter.schema, document);
    if (why) faults.push(`parameter ${parameter.in} ${parameter.name}: ${why}`);
  }
  if (['post', 'put', 'patch'].includes(method) && operation.requestBody) {
    const contents = Object.entries(operation.requestBody.content ?? {});
    if (contents.length === 0) faults.push('request body: no content');
    for (const [type, { schema }] of contents) {
      const why = untyped(schema, document);
      if (why) faults.push(`request body ${type}: ${why}`);
    }
  }
  const responses = Object.entries(operation.responses ?? {});
  const successes = responses.filter(([status]) => /^2/.test(status));
  if (successes.length === 0) faults.push('no success answer');
  for (const [status, response] of successes) {
    if (status === '204') continue;
    const contents = Object.entries(response.content ?? {});
    if (contents.length === 0) faults.push(`${status}: no content`);
    for (const [type, { schema }] of contents) {
      const why = untyped(schema, document);
      if (why) faults.push(`${status} ${type}: ${why}`);
    }
  }
  const failures = responses.filter(([status]) => /^4/.test(status));
  if (failures.length === 0) faults.push('no 4xx answer');
  for (const [status, response] of failures) {
    const schema = response.content?.[PROBLEM]?.schema;
    if (!schema) faults.push(`${status}: no ${PROBLEM} schema`);
    else if (schema.$ref !== '#/components/schemas/Problem') {
      faults.push(`${status}: ${PROBLEM} is not the Problem schema`);
    }
  }
  if (!operation.security) faults.push('no security requirement (not even an empty one)');
  return faults;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: Document;

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http().get('/api/docs-json').expect(200)).body as Document;
    if (process.env.OPENAPI_DUMP)
      writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(document, null, 2));
  });
  afterAll(() => t?.close());

  it('is a valid OpenAPI document', async () => {
    await SwaggerParser.validate(structuredClone(document) as never);
  });

  it('types every parameter, body and answer of every operation, errors as problem+json', () => {
    const faults = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).flatMap((method) =>
        operationFaults(item[method], method, document).map(
          (fault) => `${method.toUpperCase()} ${path}: ${fault}`,
        ),
      ),
    );
    if (faults.length > 0) {
      throw new Error(
        `${faults.length} gaps in the OpenAPI document. Give the handler a return type that is a ` +
          'class in a dto/*.view.ts or *.dto.ts file (the @nestjs/swagger plugin reads it), or ' +
          '@ApiOkResponse({ type }) / a content type for non-JSON answers; domain errors with ' +
          '@ApiProblem(status, why) (src/common/openapi-document.ts); pages that are not the ' +
          'machine API with @ApiExcludeController():\n' +
          faults.join('\n'),
      );
    }
  });

  it('agrees with API.md on statuses, media types and credentials', () => {
    const op = (method: string, path: string) => document.paths[`/api/v1${path}`]?.[method];
    const statuses = (method: string, path: string) =>
      Object.keys(op(method, path)?.responses ?? {});
    expect(statuses('post', '/requests')).toEqual(
      expect.arrayContaining(['200', '201', '400', '409']),
    );
    expect(op('post', '/requests')?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
    expect(statuses('delete', '/access-tokens/{id}')).toContain('204');
    expect(statuses('delete', '/slots/{id}')).toEqual(expect.arrayContaining(['204', '409']));
    expect(statuses('post', '/offers/{id}/accept')).toEqual(expect.arrayContaining(['200', '409']));
    expect(statuses('post', '/practitioners')).toEqual(expect.arrayContaining(['201', '409']));
    expect(Object.keys(op('post', '/practitioners/import')?.requestBody?.content ?? {})).toEqual([
      'text/csv',
    ]);
    expect(
      Object.keys(op('get', '/availability/events')?.responses?.['200'].content ?? {}),
    ).toEqual(['text/event-stream']);
    expect(
      Object.keys(op('get', '/monitoring/indicators')?.responses?.['200'].content ?? {}),
    ).toEqual(['application/json', 'text/csv']);
    const calendar = op('get', '/calendar/{secret}.ics');
    expect(Object.keys(calendar?.responses?.['200'].content ?? {})).toEqual(['text/calendar']);
    expect(calendar?.security).toEqual([]);
    expect(op('get', '/requests/{id}')?.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(Object.keys(document.components.securitySchemes ?? {}).sort()).toEqual([
      'bearer',
      'session',
    ]);
    // Pages, health and metrics are not the machine API.
    expect(Object.keys(document.paths).filter((path) => !path.startsWith('/api/v1/'))).toEqual([]);

    const schemas = document.components.schemas as Record<
      string,
      { properties: Record<string, Schema>; required?: string[] }
    >;
    expect(schemas.RequestView.required).toEqual(
      expect.arrayContaining(['id', 'reference', 'kind', 'status', 'createdAt', 'deadlineAt']),
    );
    expect(Object.keys(schemas.RequestView.properties)).toEqual(
      expect.arrayContaining(['appointment', 'assignment', 'history']),
    );
    expect(Object.keys(schemas.RequestAppointment.properties)).toEqual(
      expect.arrayContaining(['slotId', 'practitioner', 'startsAt', 'endsAt', 'mode']),
    );
    expect(Object.keys(schemas.PractitionerSummary.properties)).toEqual(
      expect.arrayContaining(['id', 'firstName', 'lastName', 'address', 'communeName']),
    );
    expect(Object.keys(schemas.HistoryEntry.properties)).toEqual(
      expect.arrayContaining(['at', 'type', 'detail']),
    );
  });

  it('describes RFC 9457 problems with the project extensions', () => {
    const problem = document.components.schemas.Problem as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(problem.properties)).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'errors']),
    );
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
  });

  it('generates a TypeScript client that compiles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-client-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
      execFileSync(process.execPath, [
        join(__dirname, 'support', 'openapi-client.mjs'),
        join(dir, 'openapi.json'),
        join(dir, 'schema.ts'),
      ]);
      writeFileSync(
        join(dir, 'usage.ts'),
        [
          "import type { paths, components } from './schema';",
          "type FileRequest = paths['/api/v1/requests']['post'];",
          "export type Body = FileRequest['requestBody'] extends infer B ? B extends { content: { 'application/json': infer J } } ? J : never : never;",
          "export const body: Body = { kind: 'urgent', patient: { firstName: 'A', lastName: 'B', birthDate: '1980-01-01', phone: '0612345678', communeCode: '56007' } };",
          "type GetRequest = paths['/api/v1/requests/{id}']['get'];",
          "export type Answer = GetRequest['responses'][200]['content']['application/json'];",
          'export function statusOf(answer: Answer): string { return answer.status; }',
          'export function at(answer: Answer): string | undefined { return answer.appointment?.startsAt; }',
          "export const id: GetRequest['parameters']['path']['id'] = 'x';",
          "export type Failure = components['schemas']['Problem'];",
          'export function detail(problem: Failure): string { return `${problem.status} ${problem.detail}`; }',
        ].join('\n'),
      );
      const program = ts.createProgram([join(dir, 'usage.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        skipLibCheck: true,
        types: [],
      });
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
