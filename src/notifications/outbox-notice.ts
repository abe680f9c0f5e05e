import { NOTIFICATION_CHANNELS, type NotificationChannel } from './notification.entity';

const CHANNELS: ReadonlySet<string> = new Set<string>(NOTIFICATION_CHANNELS);

/** What the relay needs of an outbox row to enqueue it. */
export interface OutboxRow {
  id: string;
  channel: NotificationChannel;
  sendAt: Date;
}

/**
 * The NOTIFY payload of a committed outbox row (trigger `notification_outbox`:
 * `{"id", "channel", "sendAt"}`); undefined when it is not one.
 */
export function parseOutboxNotice(payload: string): OutboxRow | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, channel, sendAt } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof channel !== 'string' || !CHANNELS.has(channel)) {
    return undefined;
  }
  const at = typeof sendAt === 'string' ? new Date(sendAt) : undefined;
  if (!at || Number.isNaN(at.getTime())) return undefined;
  return { id, channel: channel as NotificationChannel, sendAt: at };
}
