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

import { TenantColumn } from '../../database/tenant-column';
import { OrientationRequest } from './orientation-request.entity';

/**
 * The timeline and audit trail of a request: what happened, who did it (a person, a machine
 * token, or the service itself), and from which status. Append-only.
 */
@Entity()
@ForeignKey(() => OrientationRequest, ['cptsId', 'requestId'], ['cptsId', 'id'], {
  onDelete: 'CASCADE',
})
@Index('request_event_by_request', ['requestId', 'id'])
export class RequestEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
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

  @Column({ type: 'text' })
  type!: string;

  /** The machine token that acted; null when a person or the service itself acted. */
  @Column({ type: 'uuid', nullable: true })
  actorTokenId!: string | null;

  /** The person who acted, signed in; null when a machine or the service itself acted. */
  @Column({ type: 'uuid', nullable: true })
  actorPersonId!: string | null;

  @Column({ type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;
}
