import { CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { TenantColumn } from '../database/tenant-column';

/** One sending of the questionnaire MT/SNP to the active GPs of a CPTS; the latest one counts. */
@Entity()
@Index('campaign_latest_per_cpts', ['cptsId', 'sentAt'])
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt!: Date;
}
