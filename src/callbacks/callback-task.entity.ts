import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

import { TenantColumn } from '../database/tenant-column';
import { OrientationRequest } from '../orientation/requests/orientation-request.entity';

/** "Rappeler le patient à 14:00": a call back to make about a request, and who planned it. */
@Entity()
@Index('callback_task_due', ['cptsId', 'dueAt'])
@Index('callback_task_by_request', ['requestId'])
export class CallbackTask {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => OrientationRequest, { onDelete: 'CASCADE' })
  @JoinColumn()
  request?: OrientationRequest;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text', default: '' })
  note!: string;

  /** The signed-in person who planned it; null when a machine token did. */
  @Column({ type: 'uuid', nullable: true })
  createdByPersonId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByTokenId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  doneByPersonId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  doneByTokenId!: string | null;
}
