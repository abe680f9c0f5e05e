import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { Practitioner } from '../availability/practitioners/practitioner.entity';
import { TenantColumn } from '../database/tenant-column';
import { Campaign } from './campaign.entity';

/**
 * A GP asked by a campaign: at most one row (and so one message, one reminder) per GP and
 * campaign, which the primary key holds.
 */
@Entity()
@Index('campaign_recipient_by_practitioner', ['practitionerId'])
@Index('campaign_recipient_to_remind', ['campaignId'], {
  where: 'answered_at IS NULL AND reminded_at IS NULL',
})
export class CampaignRecipient {
  @PrimaryColumn({ type: 'uuid' })
  campaignId!: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn()
  campaign?: Campaign;

  @PrimaryColumn({ type: 'uuid' })
  practitionerId!: string;

  @ManyToOne(() => Practitioner, { onDelete: 'CASCADE' })
  @JoinColumn()
  practitioner?: Practitioner;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;
}
