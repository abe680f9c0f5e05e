import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A CPTS: the tenant every domain row belongs to. */
@Entity()
@Check('cpts_finess_format', `finess ~ '^[0-9]{9}$'`)
@Check('cpts_phone_format', `phone ~ '^\\+[1-9][0-9]{6,14}$'`)
// Every published Location gives the CPTS's phone (SMART Scheduling Links require one).
@Check('cpts_smart_publication_phone', `NOT smart_publication OR phone IS NOT NULL`)
export class Cpts {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  /** INSEE codes of the communes of the CPTS perimeter. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  communeCodes!: string[];

  /** The CPTS's FINESS number (9 digits): how the SAS platform names it (see docs/sas-fhir.md). */
  @Column({ type: 'text', nullable: true })
  finess!: string | null;

  /** The CPTS's phone number, E.164. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /**
   * The open publication of its consenting GPs' slots (SMART Scheduling Links, under
   * /api/v1/smart/<slug>), turned on by the coordinator; see docs/smart-scheduling.md.
   */
  @Column({ type: 'boolean', default: false })
  smartPublication!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
