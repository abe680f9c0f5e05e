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

import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { TenantColumn } from '../../database/tenant-column';
import { OrientationRequest } from '../requests/orientation-request.entity';

export const OFFER_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * A request offered to one practitioner, who has until expiresAt to answer: a patient to take as
 * referring physician, or an urgent patient to see in surnuméraire at `startsAt`.
 */
@Entity()
@Index('offer_one_pending_per_request', ['requestId'], {
  unique: true,
  where: `status = 'pending'`,
})
@Index('offer_pending_by_practitioner', ['practitionerId'], { where: `status = 'pending'` })
@Index('offer_pending_by_expiry', ['expiresAt'], { where: `status = 'pending'` })
@Index('offer_by_request', ['requestId', 'createdAt'])
@Check('offer_status', `status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')`)
export class Offer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => OrientationRequest, { onDelete: 'CASCADE' })
  @JoinColumn()
  request?: OrientationRequest;

  @Column({ type: 'uuid' })
  practitionerId!: string;

  @ManyToOne(() => Practitioner, { onDelete: 'CASCADE' })
  @JoinColumn()
  practitioner?: Practitioner;

  @Column({ type: 'text', default: 'pending' })
  status!: OfferStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /**
   * For an urgent request, a surnuméraire: the GP is asked to see the patient at this time,
   * outside their published slots. Null for a referring-physician offer.
   */
  @Column({ type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;
}
