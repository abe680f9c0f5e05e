import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A CPTS: the tenant every domain row belongs to. */
@Entity()
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
