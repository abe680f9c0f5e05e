import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { TenantColumn } from '../database/tenant-column';

/**
 * Who read or changed which request, and when: the access log health-data hosting requires.
 * Append-only, enforced by a trigger for every role; no foreign key, so that it outlives anything.
 */
@Entity()
@Index('request_access_by_request', ['requestId', 'at'])
export class RequestAccess {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  /** The machine token that acted; null when a person or the service itself acted. */
  @Column({ type: 'uuid', nullable: true })
  tokenId!: string | null;

  /** The signed-in person who acted. */
  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
