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
 * A link that opens a session: asked for by e-mail (one use, 15 minutes), an invitation, or a
 * single-purpose link in a message to a GP (reusable for 7 days, practitioner scope only). The
 * token is derived from the id with the deployment's link key (so the outbox row that carries a
 * link holds no secret), and only its hash is stored.
 */
@Entity()
@Check('sign_in_link_purpose', `purpose IN ('email', 'invitation', 'practitioner', 'demo')`)
@Check('sign_in_link_scope', `scope IN ('full', 'practitioner_link')`)
@Check('sign_in_link_next', `next ~ '^/([^/\\\\]|$)'`)
@Index('sign_in_link_by_person', ['personId'])
export class SignInLink {
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
  @Column({ type: 'bytea' })
  tokenHash!: Buffer;

  @Column({ type: 'text' })
  purpose!: 'email' | 'invitation' | 'practitioner' | 'demo';

  @Column({ type: 'text' })
  scope!: SessionScope;

  /** The local page it opens. */
  @Column({ type: 'text' })
  next!: string;

  @Column({ type: 'boolean' })
  reusable!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
