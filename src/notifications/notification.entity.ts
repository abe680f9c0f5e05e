import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import { TenantColumn } from '../database/tenant-column';

/** `sas`: INT_R03 appointment feedback to the national SAS platform (recipient: the appointment). */
export const NOTIFICATION_CHANNELS = ['sms', 'email', 'webhook', 'sas'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationStatus = 'pending' | 'sent' | 'failed';

/**
 * The outbox: a message to send, written in the same transaction as the change that causes it.
 * The queue job carries only this row's id; the row holds the state.
 */
@Entity()
@Check('notification_channel', `channel IN ('sms', 'email', 'webhook', 'sas')`)
@Check('notification_status', `status IN ('pending', 'sent', 'failed')`)
@Index('notification_pending', ['sendAt'], { where: `status = 'pending'` })
@Index('notification_dedupe_key', ['cptsId', 'dedupeKey'], {
  unique: true,
  where: 'dedupe_key IS NOT NULL',
})
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'text' })
  channel!: NotificationChannel;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Record<string, unknown>;

  /** The orientation request it is about, if any. */
  @Index('notification_request')
  @Column({ type: 'uuid', nullable: true })
  requestId!: string | null;

  /** Not before this time: a reminder waits in the queue until then. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  sendAt!: Date;

  @Column({ type: 'text', nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /**
   * Set, and committed, before a provider is called; cleared once its answer is recorded. Found set
   * by the next attempt, it means a send of unknown outcome (process killed, timeout).
   */
  @Column({ type: 'timestamptz', nullable: true })
  attemptStartedAt!: Date | null;

  /**
   * The queue job that made the last claim: only it may claim the row again while that attempt is
   * in flight (its own run after a crash), so that a row in two jobs is never sent by both.
   */
  @Column({ type: 'text', nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
