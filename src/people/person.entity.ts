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

import type { PersonRole } from '../access/person-role';
import { Practitioner } from '../availability/practitioners/practitioner.entity';
import { TenantColumn } from '../database/tenant-column';

/**
 * Someone who signs in: a coordinator, an operator of the call platform, a GP bound to their
 * practitioner row, or a SAS regulator (made at their first Pro Santé Connect sign-in through a
 * SAS booking link; see docs/sas-booking.md). Machines (agenda and call-platform software) keep access tokens instead.
 */
@Entity()
@Check('person_role', `role IN ('coordinator', 'operator', 'practitioner', 'regulator')`)
@Check('person_practitioner_binding', `(role = 'practitioner') = (practitioner_id IS NOT NULL)`)
@Check('person_email_normalised', `email = lower(btrim(email)) AND email LIKE '%_@_%'`)
@Check('person_rpps', `rpps IS NULL OR rpps ~ '^[0-9]{11}$'`)
/** A GP's own account may share its address with a staff account of theirs. */
@Index('person_email_per_cpts', ['cptsId', 'email'], {
  unique: true,
  where: 'practitioner_id IS NULL',
})
@Index('person_per_practitioner', ['practitionerId'], {
  unique: true,
  where: 'practitioner_id IS NOT NULL',
})
@Index('person_by_rpps', ['rpps'], { where: 'rpps IS NOT NULL' })
@Index('person_by_email', ['email'])
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'text' })
  email!: string;

  /** How the service names them to colleagues: "Dr Anne Martin", "Mme Le Gall". */
  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: PersonRole;

  @Column({ type: 'text', nullable: true })
  rpps!: string | null;

  @Column({ type: 'uuid', nullable: true })
  practitionerId!: string | null;

  @ManyToOne(() => Practitioner, { onDelete: 'CASCADE' })
  @JoinColumn()
  practitioner?: Practitioner;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
