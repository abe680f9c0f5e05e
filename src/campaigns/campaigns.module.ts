import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CampaignReminders } from './campaign-reminders.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

/** The questionnaire MT/SNP campaigns and the GPs' answers. */
@Module({
  imports: [AuthModule],
  controllers: [CampaignsController],
  providers: [CampaignsService, CampaignReminders],
  exports: [CampaignsService],
})
export class CampaignsModule {}
