import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { TenantColumn } from '../../database/tenant-column';

/**
 * A committed change of the live table, kept an hour for the event stream. Its `position`, not its
 * id, is the SSE event id a reconnecting client sends back as Last-Event-ID: ids are drawn when a
 * transaction inserts, so two transactions can commit in the other order. A position is drawn
 * after the event has committed, by one assigner at a time (`assign_availability_event_positions`,
 * see AvailabilityEvents.assignPositions), so positions grow in the order events become visible
 * and a client resuming after one has seen everything before it. The inserting transaction takes
 * no lock: bookings of one CPTS do not wait for each other.
 */
@Entity()
@Index('availability_event_replay', ['cptsId', 'position'], { unique: true })
@Index('availability_event_age', ['createdAt'])
@Index('availability_event_unpositioned', ['id'], { where: 'position IS NULL' })
export class AvailabilityEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Null until the assigner numbers the committed event, a few milliseconds after its commit. */
  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
