import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import type { ConsultationMode } from '../../common/consultation-mode';
import { TenantColumn } from '../../database/tenant-column';
import { WeeklyPattern } from '../patterns/weekly-pattern.entity';
import { Practitioner } from '../practitioners/practitioner.entity';

/** `held`: set aside for a request while the patient agrees to it (see SlotHold). */
export type SlotStatus = 'free' | 'held' | 'booked';

/** An urgent (SNP) slot a practitioner reserves for unscheduled patients. */
@Entity()
@Exclusion(
  'slot_no_overlap',
  'USING gist ("practitioner_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)',
)
@Check('slot_length', `ends_at - starts_at BETWEEN interval '5 minutes' AND interval '240 minutes'`)
@Check('slot_mode', `mode IN ('in_person', 'teleconsultation', 'home_visit')`)
@Check('slot_status', `status IN ('free', 'held', 'booked')`)
@Index('slot_free_by_start', ['startsAt', 'practitionerId'], { where: `status = 'free'` })
// Row-level security adds cpts_id = current_cpts_id() to every tenant query: the live table then
// reads its own CPTS's free slots only, not every CPTS's slots of the window.
@Index('slot_free_by_cpts_start', ['cptsId', 'startsAt'], { where: `status = 'free'` })
// The SAS platform's slot search: a few practitioners' free slots in a window (src/sas).
@Index('slot_free_by_practitioner_start', ['practitionerId', 'startsAt'], {
  where: `status = 'free'`,
})
export class Slot {
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

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text' })
  mode!: ConsultationMode;

  @Column({ type: 'text', default: 'free' })
  status!: SlotStatus;

  /** The weekly pattern that generated the slot, if one did. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  patternId!: string | null;

  @ManyToOne(() => WeeklyPattern, { onDelete: 'SET NULL' })
  @JoinColumn()
  pattern?: WeeklyPattern;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
