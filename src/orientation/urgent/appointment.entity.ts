import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { Slot } from '../../availability/slots/slot.entity';
import type { ConsultationMode } from '../../common/consultation-mode';
import { TenantColumn } from '../../database/tenant-column';
import { OrientationRequest } from '../requests/orientation-request.entity';

export type AppointmentStatus = 'booked' | 'cancelled';
export type AppointmentOutcome = 'honoured' | 'no_show';
/** `proposal`: held while the patient on the phone agreed to it, then confirmed. */
export type AppointmentSource = 'matching' | 'proposal' | 'coordinator_slot' | 'surnumeraire';

/** An urgent appointment: a booked slot, or a time agreed by phone outside slots (surnuméraire). */
@Entity()
@ForeignKey(() => OrientationRequest, ['cptsId', 'requestId'], ['cptsId', 'id'], {
  onDelete: 'CASCADE',
})
@Index('appointment_one_booking_per_slot', ['slotId'], { unique: true, where: `status = 'booked'` })
@Index('appointment_one_booking_per_request', ['requestId'], {
  unique: true,
  where: `status = 'booked'`,
})
@Index('appointment_recent_by_practitioner', ['practitionerId', 'createdAt'])
// Row-level security filters by CPTS: the matcher's weekly count of a CPTS's bookings reads this.
@Index('appointment_recent_by_cpts', ['cptsId', 'createdAt'], { where: `status = 'booked'` })
@Check('appointment_status', `status IN ('booked', 'cancelled')`)
@Check('appointment_outcome', `outcome IS NULL OR outcome IN ('honoured', 'no_show')`)
@Check(
  'appointment_source',
  `source IN ('matching', 'proposal', 'coordinator_slot', 'surnumeraire')`,
)
@Check('appointment_surnumeraire_has_no_slot', `source <> 'surnumeraire' OR slot_id IS NULL`)
@Check('appointment_times', `ends_at > starts_at`)
export class Appointment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn({ viaParent: true })
  cptsId!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => OrientationRequest, { onDelete: 'CASCADE', createForeignKeyConstraints: false })
  @JoinColumn()
  request?: OrientationRequest;

  @Column({ type: 'uuid' })
  practitionerId!: string;

  @ManyToOne(() => Practitioner, { onDelete: 'CASCADE' })
  @JoinColumn()
  practitioner?: Practitioner;

  @Column({ type: 'uuid', nullable: true })
  slotId!: string | null;

  @ManyToOne(() => Slot, { onDelete: 'SET NULL' })
  @JoinColumn()
  slot?: Slot;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text' })
  mode!: ConsultationMode;

  @Column({ type: 'text', default: 'booked' })
  status!: AppointmentStatus;

  @Column({ type: 'text' })
  source!: AppointmentSource;

  @Column({ type: 'text', nullable: true })
  outcome!: AppointmentOutcome | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;
}
