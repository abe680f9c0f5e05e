import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

import type { ConsultationMode } from '../../common/consultation-mode';
import type {
  PriorityFlag,
  RequestKind,
  RequestStatus,
  UnmetReason,
} from '../../common/request-status';
import { TenantColumn } from '../../database/tenant-column';

/** A patient's request relayed by a call platform: the heart of the orientation protocol. */
@Entity()
// The target of its children's tenant foreign keys (cpts_id, request_id): see TenantColumn.
@Unique('orientation_request_tenant_key', ['cptsId', 'id'])
@Index('orientation_request_idempotency', ['cptsId', 'idempotencyKey'], { unique: true })
@Index('orientation_request_reference', ['cptsId', 'reference'], { unique: true })
@Index('orientation_request_open_by_deadline', ['deadlineAt'], {
  where: `status IN ('pending', 'offered')`,
})
@Index('orientation_request_by_created', ['cptsId', 'createdAt'])
@Index('orientation_request_by_creator', ['createdByPersonId', 'createdAt'])
@Check('orientation_request_kind', `kind IN ('urgent', 'referring_physician')`)
@Check(
  'orientation_request_status',
  `status IN ('pending', 'held', 'offered', 'booked', 'assigned', 'unmet', 'redirected', 'cancelled')`,
)
@Check('orientation_request_reason_length', `char_length(reason) <= 200`)
@Check(
  'orientation_request_assignment',
  `(status = 'assigned') <= (assigned_practitioner_id IS NOT NULL)`,
)
@Check(
  'orientation_request_sas_regulator',
  `(sas_regulator_person_id IS NULL) = (sas_regulator_national_id IS NULL)
   AND (sas_origin IS NULL OR sas_regulator_person_id IS NOT NULL)
   AND (sas_regulator_national_id IS NULL OR sas_regulator_national_id ~ '^8[0-9]{11}$')`,
)
export class OrientationRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  kind!: RequestKind;

  @Column({ type: 'text', default: 'pending' })
  status!: RequestStatus;

  @Column({ type: 'text' })
  idempotencyKey!: string;

  /** SHA-256 of the canonical request body, to tell a replay from a reuse of the key. */
  @Column({ type: 'text' })
  bodyHash!: string;

  /** The platform software that filed it (its webhook hears of every change). */
  @Column({ type: 'uuid', nullable: true })
  createdByTokenId!: string | null;

  /** The person who filed it: an operator, or a coordinator. */
  @Column({ type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  /** The SAS regulator who filed it through a booking link (a `regulator` person). */
  @Column({ type: 'uuid', nullable: true })
  sasRegulatorPersonId!: string | null;

  /** Their national id as Pro Santé Connect gave it (`8` + RPPS): named in INT_R03 feedback. */
  @Column({ type: 'text', nullable: true })
  sasRegulatorNationalId!: string | null;

  /** The `origin` the SAS platform appended to the booking link. */
  @Column({ type: 'text', nullable: true })
  sasOrigin!: string | null;

  @Column({ type: 'text' })
  patientFirstName!: string;

  @Column({ type: 'text' })
  patientLastName!: string;

  @Column({ type: 'date' })
  patientBirthDate!: string;

  /** E.164. */
  @Column({ type: 'text' })
  patientPhone!: string;

  @Column({ type: 'text', nullable: true })
  patientEmail!: string | null;

  @Column({ type: 'text' })
  patientCommuneCode!: string;

  @Column({ type: 'text', nullable: true })
  referringPractitionerRpps!: string | null;

  @Column({ type: 'text', default: '' })
  reason!: string;

  @Column({ type: 'text', array: true })
  acceptedModes!: ConsultationMode[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  priorityFlags!: PriorityFlag[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  unmetReason!: UnmetReason | null;

  /** A referring-physician request placed after its deadline (it stays on the waiting list). */
  @Column({ type: 'boolean', default: false })
  late!: boolean;

  @Column({ type: 'uuid', nullable: true })
  assignedPractitionerId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;
}
