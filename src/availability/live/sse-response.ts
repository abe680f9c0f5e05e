import type { Response } from 'express';

import type { EventSink } from './availability-stream.service';

/** An HTTP response turned into a text/event-stream. */
export function sseResponse(response: Response): EventSink {
  response.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Tells nginx-style proxies not to buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  return {
    write: (chunk) => void response.write(chunk),
    end: () => response.end(),
    onClose: (listener) => void response.on('close', listener),
  };
}
