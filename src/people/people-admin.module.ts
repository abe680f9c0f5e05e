import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module';
import { PeopleController } from './people.controller';
import { PeopleModule } from './people.module';

/** The coordinator's management of people, which invites them through the sign-in links. */
@Module({ imports: [PeopleModule, AuthModule], controllers: [PeopleController] })
export class PeopleAdminModule {}
