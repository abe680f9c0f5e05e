import type { StreamEvent } from './availability-event-types';

/** One event in the text/event-stream format; the payload is JSON on a single data line. */
export function formatSseEvent(event: Pick<StreamEvent, 'id' | 'type' | 'payload'>): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`;
}

/** A comment line: clients ignore it, proxies see traffic and keep the connection open. */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** The Last-Event-ID a client sends back, when it is one of ours (a positive integer). */
export function parseLastEventId(value: string | undefined): string | undefined {
  return value !== undefined && /^[1-9]\d{0,18}$/.test(value.trim()) ? value.trim() : undefined;
}
