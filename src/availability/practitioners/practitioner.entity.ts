import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import type { ConsultationMode } from '../../common/consultation-mode';
import { TenantColumn } from '../../database/tenant-column';
import { STRUCTURE_ID_CHECK, type StructureIdType } from './practice-structure';

@Entity()
@Index('practitioner_rpps_per_cpts', ['cptsId', 'rpps'], { unique: true })
// The SAS platform's slot search looks GPs up by RPPS across every CPTS (src/sas).
@Index('practitioner_sas_by_rpps', ['rpps'], { where: 'sas_publication AND active' })
@Check('practitioner_rpps_format', `rpps ~ '^[0-9]{11}$'`)
@Check(
  'practitioner_modes',
  `cardinality(modes) > 0 AND modes <@ ARRAY['in_person', 'teleconsultation', 'home_visit']`,
)
@Check('practitioner_open_places', `open_places >= 0`)
@Check('practitioner_weekly_urgent_cap', `weekly_urgent_cap >= 0`)
@Check('practitioner_structure_id', STRUCTURE_ID_CHECK)
@Check('practitioner_age_range', `age_min IS NULL OR age_max IS NULL OR age_min <= age_max`)
export class Practitioner {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'text' })
  rpps!: string;

  @Column({ type: 'text' })
  firstName!: string;

  @Column({ type: 'text' })
  lastName!: string;

  @Column({ type: 'text' })
  email!: string;

  /** E.164. */
  @Column({ type: 'text' })
  phone!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text' })
  communeCode!: string;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Column({ type: 'text', array: true })
  modes!: ConsultationMode[];

  @Column({ type: 'text', array: true, default: () => "'{fr}'" })
  languages!: string[];

  /** The SAS pays at most 20 urgent patients a week per GP. */
  @Column({ type: 'integer', default: 20 })
  weeklyUrgentCap!: number;

  @Column({ type: 'boolean', default: true })
  notifyEmail!: boolean;

  @Column({ type: 'boolean', default: false })
  notifySms!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'boolean', default: false })
  acceptingNewPatients!: boolean;

  @Column({ type: 'integer', default: 0 })
  openPlaces!: number;

  @Column({ type: 'integer', nullable: true })
  ageMin!: number | null;

  @Column({ type: 'integer', nullable: true })
  ageMax!: number | null;

  /** Communes whose patients the practitioner takes as new patients; null means any. */
  @Column({ type: 'text', array: true, nullable: true })
  capacityCommuneCodes!: string[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  capacityUpdatedAt!: Date | null;

  /** Whether the GP takes part in unscheduled care (soins non programmés), per the questionnaire. */
  @Column({ type: 'boolean', nullable: true })
  takesUrgentCare!: boolean | null;

  /**
   * The GP's consent to publish their urgent slots to the national SAS platform (docs/sas-fhir.md).
   * Given by the GP in their space, or recorded by the coordination.
   */
  @Column({ type: 'boolean', default: false })
  sasPublication!: boolean;

  /** The national identifier of the structure the GP practises in at this practice, if known. */
  @Column({ type: 'text', nullable: true })
  structureIdType!: StructureIdType | null;

  @Column({ type: 'text', nullable: true })
  structureId!: string | null;

  /** Last time the practitioner (or their software) touched their slots or capacity. */
  @Column({ type: 'timestamptz', nullable: true })
  availabilityUpdatedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
