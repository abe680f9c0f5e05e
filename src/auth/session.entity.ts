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

import type { SessionScope } from '../access/session-scope';
import { TenantColumn } from '../database/tenant-column';
import { Person } from '../people/person.entity';

/**
 * A person's signed-in browser. The cookie holds a random secret; only its hash is stored, so a
 * copy of the database opens no session. Ends at `expires_at`, after `idle_seconds` without a
 * request (staff), on sign-out, or when the person is deactivated.
 */
@Entity()
@Check('session_scope', `scope IN ('full', 'practitioner_link')`)
@Check('session_method', `method IN ('psc', 'email', 'link')`)
@Index('session_by_person', ['personId'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn()
  person?: Person;

  @Index({ unique: true })
  @Column({ type: 'bytea', select: false })
  tokenHash!: Buffer;

  /** Sent back in X-CSRF-Token on every write: a cross-site page cannot read it. */
  @Column({ type: 'text', select: false })
  csrfToken!: string;

  @Column({ type: 'text' })
  scope!: SessionScope;

  /** How the person proved who they are. */
  @Column({ type: 'text' })
  method!: 'psc' | 'email' | 'link';

  /** The single-purpose link that opened it, revoked with it. */
  @Column({ type: 'uuid', nullable: true })
  linkId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  @Column({ type: 'integer', nullable: true })
  idleSeconds!: number | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
