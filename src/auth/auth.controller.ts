import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';

import { PERSON_ROLES } from '../access/person-role';
import { CurrentCaller, LinkScope, Public, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { sessionCookieName, sessionCookieOptions } from '../access/session-cookie';
import { AppConfig } from '../config/app-config';
import { failurePage, linkSentPage, safeNext, signedOutPage, signInPage } from './auth-pages';
import { RequestLinkDto } from './dto/request-link.dto';
import { PscSignIn } from './psc-sign-in.service';
import { type OpenedSession, SessionsService } from './sessions.service';
import { SignInLinksService } from './sign-in-links.service';

const HTML = 'text/html; charset=utf-8';

/** Signing in and out: the pages people see, outside the /api/v1 prefix. */
@ApiExcludeController()
@Controller()
export class AuthController {
  private readonly cookieName: string;

  constructor(
    private readonly config: AppConfig,
    private readonly links: SignInLinksService,
    private readonly sessions: SessionsService,
    private readonly psc: PscSignIn,
  ) {
    this.cookieName = sessionCookieName(config.secureCookies);
  }

  @Public()
  @Get('connexion')
  signIn(@Query('next') next: unknown, @Res() response: Response): void {
    response
      .type(HTML)
      .send(signInPage({ next: safeNext(next) ?? '/dashboard', psc: this.psc.enabled }));
  }

  /** Always 202, whether or not the address has an account: nobody learns who has one. */
  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @Post('auth/link')
  @HttpCode(202)
  async requestLink(
    @Body() body: RequestLinkDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.links.sendByEmail(body.email, safeNext(body.next));
    if (request.is('application/x-www-form-urlencoded')) response.type(HTML).send(linkSentPage());
    else response.end();
  }

  @Public()
  @Get('auth/link/:token')
  async openLink(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const opened = await this.links.open(token);
    if (typeof opened === 'string') {
      response
        .status(opened === 'unknown' ? 404 : 410)
        .type(HTML)
        .send(failurePage(opened));
      return;
    }
    this.signedIn(response, opened.session, opened.next);
  }

  @Public()
  @Get('auth/psc/login')
  async pscLogin(@Query('next') next: unknown, @Res() response: Response): Promise<void> {
    if (!this.psc.enabled) {
      response.status(404).type(HTML).send(failurePage('unconfigured'));
      return;
    }
    const { url, cookie } = await this.psc.start(safeNext(next));
    response.cookie(cookie.name, cookie.value, cookie.options).redirect(303, url);
  }

  @Public()
  @Get('auth/psc/callback')
  async pscCallback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.psc.enabled) {
      response.status(404).type(HTML).send(failurePage('unconfigured'));
      return;
    }
    const cookie = this.psc.pendingCookie;
    response.clearCookie(cookie.name, cookie.options);
    const result = await this.psc.finish(
      new URL(request.originalUrl, this.config.publicUrl),
      (request.cookies as Record<string, string | undefined>)[cookie.name],
    );
    if ('failure' in result) {
      response.status(403).type(HTML).send(failurePage(result.failure));
      return;
    }
    this.signedIn(response, result.session, result.next);
  }

  @Roles(...PERSON_ROLES)
  @LinkScope()
  @Post('auth/logout')
  @HttpCode(200)
  async signOut(@CurrentCaller() caller: Caller, @Res() response: Response): Promise<void> {
    if (caller.sessionId) await this.sessions.end(caller.sessionId);
    response
      .clearCookie(this.cookieName, sessionCookieOptions(this.config.secureCookies, new Date(0)))
      .type(HTML)
      .send(signedOutPage());
  }

  private signedIn(response: Response, session: OpenedSession, next: string): void {
    response
      .cookie(
        this.cookieName,
        session.secret,
        sessionCookieOptions(this.config.secureCookies, session.expiresAt),
      )
      .redirect(303, next);
  }
}
