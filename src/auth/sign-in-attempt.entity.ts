import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Requests for a sign-in link, kept an hour to rate-limit them per e-mail address across
 * instances. The address is stored hashed: this table must not become a list of who tried.
 */
@Entity()
@Index('sign_in_attempt_by_email', ['emailHash', 'at'])
export class SignInAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'bytea' })
  emailHash!: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
