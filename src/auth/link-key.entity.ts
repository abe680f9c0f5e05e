import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The deployment's key for sign-in link tokens, made by the migration from PostgreSQL's strong
 * random source: every instance derives the same tokens without a setting to share.
 */
@Entity()
@Check('link_key_single_row', 'id = 1')
export class LinkKey {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'bytea' })
  secret!: Buffer;
}
