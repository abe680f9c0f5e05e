import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { Public } from '../access/policy.decorators';
import { sessionCookieName } from '../access/session-cookie';
import { SessionsService } from '../auth/sessions.service';
import { DomainError } from '../common/domain-error';
import { PageController } from '../common/page.controller';
import { assetsDirectory, StaticAssets } from '../common/static-assets';
import { AppConfig } from '../config/app-config';
import { SasBookingService } from '../sas/sas-booking.service';
import { parseSasBookingLink } from '../sas/sas-booking.service';

/** The operator console of the call platform: a desktop page driven by the keyboard. */
@ApiExcludeController()
@Public()
@Controller('plateforme')
export class ConsoleController extends PageController {
  private readonly files = new StaticAssets(assetsDirectory('console'));
  private readonly cookieName: string;

  constructor(
    config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly sas: SasBookingService,
  ) {
    super('console');
    this.cookieName = sessionCookieName(config.secureCookies);
  }

  /**
   * The booking link of a Slot's `comment` (INT_R04). Only a regulator signed in with Pro Santé
   * Connect, in the GP's CPTS, gets the page; anyone else goes to PSC and comes back here.
   * (Declared in the subclass, so it is routed before the base class's `:asset`.)
   */
  @Get('sas')
  async sasBooking(@Req() request: Request, @Res() response: Response): Promise<void> {
    const link = parseSasBookingLink(request.originalUrl);
    if (!link) throw DomainError.invalid('practitioner', 'practitioner must be a practitioner id');
    const secret = (request.cookies as Record<string, string | undefined>)[this.cookieName];
    const session = secret ? await this.sessions.authenticate(secret) : undefined;
    if (
      session?.role === 'regulator' &&
      (await this.sas.bookableThroughSas(session.cptsId, link.practitionerId))
    ) {
      this.files.asset(response, 'sas.html');
      return;
    }
    response.redirect(303, `/auth/psc/login?next=${encodeURIComponent(request.originalUrl)}`);
  }
}
