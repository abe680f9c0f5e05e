import { Module } from '@nestjs/common';

import { PeopleModule } from '../people/people.module';
import { AuthController } from './auth.controller';
import { LinkSignerModule } from './link-signer.module';
import { PscSignIn } from './psc-sign-in.service';
import { SessionController } from './session.controller';
import { SessionsService } from './sessions.service';
import { SignInLinksService } from './sign-in-links.service';

@Module({
  imports: [LinkSignerModule, PeopleModule],
  controllers: [AuthController, SessionController],
  providers: [SessionsService, SignInLinksService, PscSignIn],
  exports: [SessionsService, SignInLinksService],
})
export class AuthModule {}
