import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { Practitioner } from '../availability/practitioners/practitioner.entity';
import { TenantColumn } from '../database/tenant-column';
import type { TokenRole } from './role';

@Entity()
@Check('access_token_role', `role IN ('coordinator', 'platform', 'practitioner')`)
@Check(
  'access_token_practitioner_binding',
  `(role = 'practitioner') = (practitioner_id IS NOT NULL)`,
)
@Check(
  'access_token_webhook',
  `webhook_url IS NULL OR (role = 'platform' AND webhook_secret IS NOT NULL)`,
)
export class AccessToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'text' })
  role!: TokenRole;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'uuid', nullable: true })
  practitionerId!: string | null;

  @ManyToOne(() => Practitioner, { onDelete: 'CASCADE' })
  @JoinColumn()
  practitioner?: Practitioner;

  /** SHA-256 of the token: the token itself is shown once and never stored. */
  @Index({ unique: true })
  @Column({ type: 'bytea', select: false })
  tokenHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Where a platform receives request status changes (see src/notifications). */
  @Column({ type: 'text', nullable: true })
  webhookUrl!: string | null;

  /** Signs webhook deliveries; needed in clear to sign, so never selected unless asked. */
  @Column({ type: 'text', nullable: true, select: false })
  webhookSecret!: string | null;
}
