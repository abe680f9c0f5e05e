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
import type { OpeningSpan } from './opening-hours';

export const REDIRECT_TARGET_KINDS = ['mmg', 'teleconsultation', 'emergency', 'other'] as const;
export type RedirectTargetKind = (typeof REDIRECT_TARGET_KINDS)[number];

/** A resource the call platform sends patients to when no GP fits: an MMG, a teleconsultation… */
@Entity()
@Index('redirect_target_by_name', ['cptsId', 'name'])
@Check('redirect_target_kind', `kind IN ('mmg', 'teleconsultation', 'emergency', 'other')`)
@Check('redirect_target_hours', `jsonb_typeof(hours) = 'array'`)
export class RedirectTarget {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: RedirectTargetKind;

  /** E.164. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text', nullable: true })
  communeCode!: string | null;

  /** Opening spans, Paris wall-clock time. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  hours!: OpeningSpan[];

  @Column({ type: 'text', default: '' })
  note!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
