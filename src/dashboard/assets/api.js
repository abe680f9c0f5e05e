const TOKEN_KEY = 'cpts.coordinatorToken';
const BASE = '/api/v1';

/** The coordinator's token lives in this tab's sessionStorage only, never in a URL. */
export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

const unauthorizedListeners = [];

/** Called when the API refuses the token (revoked, or a typo at login). */
export function onUnauthorized(listener) {
  unauthorizedListeners.push(listener);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(accept, extra = {}) {
  return { Authorization: `Bearer ${session.token}`, Accept: accept, ...extra };
}

/** Calls the API with the bearer token; a problem+json answer becomes an ApiError. */
export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    cache: 'no-store',
    headers: headers(accept, body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
    throw new ApiError(response.status, problem);
  }
  return accept === 'application/json' ? response.json() : response;
}

/** One `text/event-stream` block as `{id, type, data}`; comments and empty blocks give null. */
export function parseSseBlock(block) {
  const event = { id: '', type: 'message', data: [] };
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') event.id = value;
    else if (field === 'event') event.type = value;
    else if (field === 'data') event.data.push(value);
  }
  if (event.data.length === 0) return null;
  return { id: event.id, type: event.type, data: JSON.parse(event.data.join('\n')) };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows the availability stream. EventSource cannot send an Authorization header, so the
 * stream is read with fetch; it reconnects with backoff and resumes from the last event id.
 */
export function followEvents(onEvent, onState) {
  let stopped = false;
  let controller;
  let lastEventId = '';
  let backoff = 1000;

  async function readOnce() {
    controller = new AbortController();
    const extra = lastEventId ? { 'Last-Event-ID': lastEventId } : {};
    const response = await fetch(`${BASE}/availability/events`, {
      cache: 'no-store',
      headers: headers('text/event-stream', extra),
      signal: controller.signal,
    });
    if (response.status === 401) {
      stopped = true;
      unauthorizedListeners.forEach((listener) => listener());
      return;
    }
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    onState('open');
    backoff = 1000;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parseSseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!event) continue;
        if (event.id) lastEventId = event.id;
        onEvent(event);
      }
    }
  }

  void (async () => {
    while (!stopped) {
      try {
        await readOnce();
      } catch {
        // A dropped connection: reconnect below, unless the page stopped following.
      }
      if (stopped) return;
      onState('closed');
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 30_000);
    }
  })();

  return {
    close() {
      stopped = true;
      controller?.abort();
    },
  };
}
