import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * A committed change of the live table, kept an hour for the event stream: its id is the SSE
 * event id a reconnecting client sends back as Last-Event-ID.
 */
@Entity()
@Index('availability_event_replay', ['cptsId', 'id'])
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
