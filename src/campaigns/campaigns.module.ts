import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module';
import { PatternsModule } from '../availability/patterns/patterns.module';
import { PractitionersModule } from '../availability/practitioners/practitioners.module';
import { SlotsModule } from '../availability/slots/slots.module';
import { PeriodicTasksModule } from '../common/periodic-tasks.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CampaignReminders } from './campaign-reminders.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { QuestionnaireController } from './questionnaire.controller';
import { QuestionnaireService } from './questionnaire.service';

/** The questionnaire MT/SNP campaigns and the GPs' answers. */
@Module({
  imports: [
    AuthModule,
    PractitionersModule,
    PatternsModule,
    SlotsModule,
    NotificationsModule,
    PeriodicTasksModule,
  ],
  controllers: [CampaignsController, QuestionnaireController],
  providers: [CampaignsService, CampaignReminders, QuestionnaireService],
  exports: [CampaignsService],
})
export class CampaignsModule {}
