import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { PeriodicTasksModule } from '../common/periodic-tasks.module';
import { PatientDataPurge } from './patient-data-purge.service';
import { RequestAccessInterceptor } from './request-access.interceptor';
import { RequestAccessLog } from './request-access-log.service';

/** Health-data protection: the access log of requests, and the pseudonymisation of old ones. */
@Module({
  imports: [PeriodicTasksModule],
  providers: [
    RequestAccessLog,
    PatientDataPurge,
    { provide: APP_INTERCEPTOR, useClass: RequestAccessInterceptor },
  ],
  exports: [PatientDataPurge],
})
export class PrivacyModule {}
