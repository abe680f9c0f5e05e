const BASE = '/api/v1';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who is signed in, as `GET /api/v1/session` told: the session cookie itself is HttpOnly, so
 * the page never sees it; it keeps only the CSRF token that every write must carry.
 */
export const session = { current: null };

const unauthorizedListeners = [];

/** Called when the API answers 401: the session ended (signed out elsewhere, or expired). */
export function onUnauthorized(listener) {
  unauthorizedListeners.push(listener);
}

function unauthorized() {
  unauthorizedListeners.forEach((listener) => listener());
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(method, accept, extra = {}) {
  const csrf = WRITES.has(method) ? { 'X-CSRF-Token': session.current?.csrfToken ?? '' } : {};
  return { Accept: accept, ...csrf, ...extra };
}

/** Reads who is signed in; null when nobody is (401). */
export async function loadSession() {
  const response = await fetch(`${BASE}/session`, {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { Accept: 'application/json' },
  });
  if (response.status === 401) return null;
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
  session.current = await response.json();
  return session.current;
}

/**
 * Calls the API with the session cookie; a problem+json answer becomes an ApiError. `extra`
 * headers go along (an `Idempotency-Key`, for one).
 */
export async function api(
  path,
  { method = 'GET', body, accept = 'application/json', extra = {} } = {},
) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: headers(
      method,
      accept,
      body === undefined ? extra : { 'Content-Type': 'application/json', ...extra },
    ),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    if (response.status === 401) unauthorized();
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  return accept === 'application/json' ? response.json() : response;
}

/** Every item of a list (`{items, nextCursor}`), read page by page, 500 a page. */
export async function allItems(path, filters = {}) {
  const items = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ ...filters, limit: '500' });
    if (cursor) query.set('cursor', cursor);
    const page = await api(`${path}?${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Ends the session on the server (the cookie goes with it). */
export async function signOut() {
  const response = await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: headers('POST', 'text/html'),
  });
  if (!response.ok && response.status !== 401) throw new ApiError(response.status, {});
  session.current = null;
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
 * Follows the availability stream with the session cookie. It is read with fetch rather than
 * EventSource so that a 401 is seen (and the page goes back to sign-in) instead of retried
 * forever; it reconnects with backoff and resumes from the last event id.
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
      credentials: 'same-origin',
      cache: 'no-store',
      headers: headers('GET', 'text/event-stream', extra),
      signal: controller.signal,
    });
    if (response.status === 401) {
      stopped = true;
      unauthorized();
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
