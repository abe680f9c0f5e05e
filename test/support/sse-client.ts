import { ClientRequest, get, IncomingMessage } from 'node:http';

export interface ReceivedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  receivedAt: number;
}

export interface SseClient {
  status: number;
  contentType: string | undefined;
  events: ReceivedEvent[];
  comments: string[];
  ended: Promise<void>;
  close(): void;
}

/** A raw HTTP client of a text/event-stream, collecting what it reads. */
export function openSse(
  port: number,
  path: string,
  token: string,
  lastEventId?: string,
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'text/event-stream',
    };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const request: ClientRequest = get({ host: '127.0.0.1', port, path, headers }, (response) => {
      resolve(collect(request, response));
    });
    request.on('error', reject);
  });
}

function collect(request: ClientRequest, response: IncomingMessage): SseClient {
  const client: SseClient = {
    status: response.statusCode ?? 0,
    contentType: response.headers['content-type'],
    events: [],
    comments: [],
    ended: new Promise((resolve) => response.on('close', () => resolve())),
    close: () => request.destroy(),
  };
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) client.comments.push(line.slice(1).trim());
        else {
          const colon = line.indexOf(':');
          fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
        }
      }
      if (fields.has('event')) {
        client.events.push({
          id: fields.get('id') ?? '',
          type: fields.get('event') ?? '',
          data: JSON.parse(fields.get('data') ?? 'null') as Record<string, unknown>,
          receivedAt: Date.now(),
        });
      }
    }
  });
  return client;
}
