import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { concatMap, from, Observable } from 'rxjs';

import type { AuthenticatedRequest } from '../access/policy.decorators';
import { auditedRoute, touchedRequestIds } from './audited-routes';
import { RequestAccessLog } from './request-access-log.service';

/**
 * Records who read or changed which request before the answer leaves: a response showing
 * patient data is never sent without its trace (if the trace cannot be written, the call fails).
 */
@Injectable()
export class RequestAccessInterceptor implements NestInterceptor {
  constructor(private readonly log: RequestAccessLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const template = (request.route as { path?: string } | undefined)?.path;
    const route = template ? auditedRoute(request.method, template) : undefined;
    const caller = request.caller;
    if (!route || !caller) return next.handle();
    const param = (request.params as Record<string, string | undefined>).id;
    return next
      .handle()
      .pipe(
        concatMap((body: unknown) =>
          from(
            this.log
              .record(caller, route.action, touchedRequestIds(route, param, body))
              .then(() => body),
          ),
        ),
      );
  }
}
