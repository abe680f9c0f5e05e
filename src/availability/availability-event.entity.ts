import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * A committed change of the live table, kept an hour for the event stream. Its `position`, not its
 * id, is the SSE event id a reconnecting client sends back as Last-Event-ID: ids are drawn when a
 * transaction inserts, so two transactions can commit in the other order; a position is drawn as
 * the transaction commits, under a lock per CPTS (trigger `availability_event_commit`), so a CPTS's
 * positions grow in commit order and a client resuming after one has seen everything before it.
 */
@Entity()
@Index('availability_event_replay', ['cptsId', 'position'], { unique: true })
@Index('availability_event_age', ['createdAt'])
export class AvailabilityEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Null until the transaction commits. */
  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
