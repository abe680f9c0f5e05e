import { randomUUID } from 'node:crypto';

import type { FhirResource } from './slot-bundle';
import type { QueryIssue } from './slot-search-query';

export type IssueCode = 'invalid' | 'not-found' | 'forbidden' | 'not-supported' | 'exception';

/** An OperationOutcome naming each problem; `expression` names the search parameter. */
export function operationOutcome(
  code: IssueCode,
  issues: Array<Pick<QueryIssue, 'message'> & Partial<Pick<QueryIssue, 'parameter'>>>,
): FhirResource {
  return {
    resourceType: 'OperationOutcome',
    id: randomUUID(),
    issue: issues.map((issue) => ({
      severity: 'error',
      code,
      diagnostics: issue.message,
      ...(issue.parameter ? { expression: [issue.parameter] } : {}),
    })),
  };
}

/** What the endpoint serves: Slot search with its includes, read-only, JSON. */
export function capabilityStatement(
  fhirBase: string,
  software: string,
  version: string,
): FhirResource {
  return {
    resourceType: 'CapabilityStatement',
    id: 'cpts-orientation-sas',
    status: 'active',
    date: '2026-12-04',
    kind: 'instance',
    software: { name: software, version },
    implementation: {
      description: 'Créneaux de soins non programmés des CPTS pour la plateforme SAS',
      url: fhirBase,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          description: 'Mutual TLS: the client certificate is checked against the allowed CN/OU.',
        },
        resource: [
          {
            type: 'Slot',
            interaction: [{ code: 'search-type' }],
            searchInclude: ['Slot:schedule', 'Slot:service-type-reference'],
            searchParam: [
              { name: 'start', type: 'date' },
              { name: 'status', type: 'token' },
              { name: 'schedule.actor:Practitioner.identifier', type: 'token' },
            ],
          },
          { type: 'Schedule', searchInclude: ['Schedule:actor'] },
          { type: 'HealthcareService', searchInclude: ['HealthcareService:organization'] },
          { type: 'Practitioner' },
          { type: 'PractitionerRole' },
          { type: 'Organization' },
        ],
      },
    ],
  };
}
