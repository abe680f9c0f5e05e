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

import type { ConsultationMode } from '../../common/consultation-mode';
import { TenantColumn } from '../../database/tenant-column';
import { Practitioner } from '../practitioners/practitioner.entity';

/** A weekly recurrence of urgent slots (Paris wall-clock time), from which slots are generated. */
@Entity()
@Check('weekly_pattern_weekday', `weekday BETWEEN 1 AND 7`)
@Check('weekly_pattern_times', `end_time > start_time`)
@Check('weekly_pattern_slot_minutes', `slot_minutes BETWEEN 5 AND 240`)
@Check('weekly_pattern_mode', `mode IN ('in_person', 'teleconsultation', 'home_visit')`)
export class WeeklyPattern {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Index()
  @Column({ type: 'uuid' })
  practitionerId!: string;

  @ManyToOne(() => Practitioner, { onDelete: 'CASCADE' })
  @JoinColumn()
  practitioner?: Practitioner;

  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  @Column({ type: 'smallint' })
  weekday!: number;

  @Column({ type: 'time' })
  startTime!: string;

  @Column({ type: 'time' })
  endTime!: string;

  @Column({ type: 'smallint' })
  slotMinutes!: number;

  @Column({ type: 'text' })
  mode!: ConsultationMode;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
