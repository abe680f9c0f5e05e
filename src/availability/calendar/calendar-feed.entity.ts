import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { TenantColumn } from '../../database/tenant-column';
import { Practitioner } from '../practitioners/practitioner.entity';

/** A practitioner's secret iCal URL; only a hash of its secret is stored. */
@Entity()
@Index('calendar_feed_active_per_practitioner', ['practitionerId'], {
  unique: true,
  where: 'revoked_at IS NULL',
})
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'uuid' })
  practitionerId!: string;

  @ManyToOne(() => Practitioner, { onDelete: 'CASCADE' })
  @JoinColumn()
  practitioner?: Practitioner;

  /** SHA-256 of the secret in the URL. */
  @Index({ unique: true })
  @Column({ type: 'bytea', select: false })
  secretHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
