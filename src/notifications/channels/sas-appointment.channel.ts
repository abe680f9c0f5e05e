import { Agent, request } from 'node:https';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { sasAppointmentBody, sasConditionalUrl } from '../../sas/sas-booking.service';
import { httpFailure, PermanentDeliveryError, RetryableDeliveryError } from '../delivery-error';
import type { Notification } from '../notification.entity';
import type { Delivery } from './delivery-channel';
import { earlierSasChangePending, sasAppointmentFacts } from './sas-appointment.queries';

/**
 * INT_R03 over mutual TLS: POST `[base]/Appointment` for a booking, conditional PUT
 * `[base]/Appointment?identifier=` for every change, the body built now from the row. A creation
 * whose earlier attempt may have reached the platform is sent as the conditional PUT, which
 * creates the resource at most once.
 */
@Injectable()
export class SasAppointmentChannel {
  private readonly agent: Agent | undefined;

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {
    const sas = config.sas;
    this.agent =
      sas &&
      new Agent({
        cert: sas.clientCert,
        key: sas.clientKey,
        ca: sas.serverCa,
        minVersion: 'TLSv1.2',
        keepAlive: true,
      });
  }

  async deliver(notification: Notification, uncertain: boolean): Promise<Delivery> {
    const sas = this.config.sas;
    if (!sas || !this.agent) throw new PermanentDeliveryError('SAS_APPOINTMENT_URL is not set');
    if (await earlierSasChangePending(this.db.manager, notification.id)) {
      throw new RetryableDeliveryError('an earlier change of this appointment is not sent yet');
    }
    const facts = await this.db.system((manager) =>
      sasAppointmentFacts(manager, notification.recipient, notification.cptsId),
    );
    if (!facts) throw new PermanentDeliveryError('the appointment is gone');
    const body = JSON.stringify(sasAppointmentBody(this.config.publicUrl, facts));
    const create = notification.params.change === 'created' && !uncertain;
    const url = create
      ? `${sas.appointmentUrl}/Appointment`
      : sasConditionalUrl(sas.appointmentUrl, this.config.publicUrl, facts.appointmentId);
    const location = await this.call(create ? 'POST' : 'PUT', url, body);
    return { providerMessageId: location ?? `sas-${notification.id}` };
  }

  private call(method: string, url: string, body: string): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method,
          agent: this.agent,
          timeout: this.config.notificationTimeoutMs,
          headers: {
            'content-type': 'application/fhir+json',
            accept: 'application/fhir+json',
            'user-agent': 'cpts-orientation',
          },
        },
        (response) => {
          response.resume();
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            const location = response.headers.location;
            resolve(typeof location === 'string' ? location.slice(0, 500) : undefined);
            return;
          }
          const retryAfter = response.headers['retry-after'];
          reject(
            httpFailure(
              'SAS platform',
              status,
              typeof retryAfter === 'string' ? retryAfter : null,
              new Date(),
            ),
          );
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('ETIMEDOUT')));
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? error.message;
        const sent = !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
        reject(
          new RetryableDeliveryError(`SAS platform unreachable (${code})`, { uncertain: sent }),
        );
      });
      outgoing.end(body);
    });
  }
}
