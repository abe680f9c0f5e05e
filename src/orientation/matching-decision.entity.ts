import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { TenantColumn } from '../database/tenant-column';
import { OrientationRequest } from './requests/orientation-request.entity';

/** One matching attempt: the candidates considered (top N), their scores, and why the winner won. */
@Entity()
@ForeignKey(() => OrientationRequest, ['cptsId', 'requestId'], ['cptsId', 'id'], {
  onDelete: 'CASCADE',
})
@Index('matching_decision_by_request', ['requestId', 'at'])
export class MatchingDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn({ viaParent: true })
  cptsId!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => OrientationRequest, { onDelete: 'CASCADE', createForeignKeyConstraints: false })
  @JoinColumn()
  request?: OrientationRequest;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** What started the attempt: creation, a published slot, the sweep, a declined offer... */
  @Column({ type: 'text' })
  trigger!: string;

  /** booked, offered, none. */
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'jsonb' })
  candidates!: unknown[];

  @Column({ type: 'text' })
  explanation!: string;
}
