import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The centre point of a commune, for distances. Reference data shared by every CPTS (no tenant
 * column); written by `communes:import-centres` and the demo seeder only.
 */
@Entity()
@Check('commune_centre_point', 'latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180')
export class CommuneCentre {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'double precision' })
  latitude!: number;

  @Column({ type: 'double precision' })
  longitude!: number;
}
