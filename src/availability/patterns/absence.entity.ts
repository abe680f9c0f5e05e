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

import { TenantColumn } from '../../database/tenant-column';
import { Practitioner } from '../practitioners/practitioner.entity';

/** Paris days (inclusive) on which a practitioner's patterns make no slot. */
@Entity()
@Check('absence_dates', `to_date >= from_date`)
export class Absence {
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

  @Column({ type: 'date' })
  fromDate!: string;

  @Column({ type: 'date' })
  toDate!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
