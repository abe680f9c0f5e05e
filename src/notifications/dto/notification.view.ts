import type { NotificationChannel, NotificationStatus } from '../notification.entity';

/** A notification as `GET /requests/{id}/notifications` shows it; the recipient is masked. */
export class NotificationView {
  id!: string;
  channel!: NotificationChannel;
  /** Masked: `06 •• •• •• 78`, `a•••@example.fr`. */
  recipient!: string;
  template!: string;
  status!: NotificationStatus;
  attempts!: number;
  /** RFC 3339, Europe/Paris, as every time the API renders. */
  sendAt!: string;
  sentAt?: string;
  lastError?: string;
}
