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

import { Slot } from '../../availability/slots/slot.entity';
import { TenantColumn } from '../../database/tenant-column';
import { OrientationRequest } from '../requests/orientation-request.entity';

/**
 * A slot set aside for one request while the patient, on the phone, agrees to it. The slot's
 * status is `held` while this row exists; past `expiresAt` it cannot be confirmed, and the hold
 * sweep gives the slot back. At most one hold per slot and per request.
 */
@Entity()
@Check('slot_hold_expiry', 'expires_at > created_at')
@Index('slot_hold_by_expiry', ['expiresAt'])
export class SlotHold {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @TenantColumn()
  cptsId!: string;

  @Index('slot_hold_per_slot', { unique: true })
  @Column({ type: 'uuid' })
  slotId!: string;

  @ManyToOne(() => Slot, { onDelete: 'CASCADE' })
  @JoinColumn()
  slot?: Slot;

  @Index('slot_hold_per_request', { unique: true })
  @Column({ type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => OrientationRequest, { onDelete: 'CASCADE' })
  @JoinColumn()
  request?: OrientationRequest;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Why this slot was proposed, as the operator reads it to the patient. */
  @Column({ type: 'text' })
  why!: string;

  @Column({ type: 'real', nullable: true })
  distanceKm!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
