/**
 * A minimal browser for the test PSC provider: follows redirects by hand with a cookie jar, fills in
 * the login form, and stops at the redirect to the app's callback, whose URL it returns.
 */
export async function signInAtPsc(
  authorizationUrl: string,
  login: string,
  redirectUri: string,
): Promise<URL> {
  const cookies = new Map<string, string>();
  let request: { url: URL; init: RequestInit } = { url: new URL(authorizationUrl), init: {} };
  let submitted = false;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(request.url, {
      ...request.init,
      redirect: 'manual',
      headers: {
        ...(request.init.headers as Record<string, string>),
        cookie: cookieHeader(cookies),
      },
    });
    keepCookies(cookies, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, request.url);
      if (`${next.origin}${next.pathname}` === redirectUri) return next;
      request = { url: next, init: {} };
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action || submitted) {
      throw new Error(`Unexpected PSC answer ${response.status} at ${request.url.href}: ${html}`);
    }
    submitted = true;
    request = {
      url: new URL(action, request.url),
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login }).toString(),
      },
    };
  }
  throw new Error('Too many redirects at PSC');
}

function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Paths and expiry dates are ignored: one sign-in is short and stays on one host. */
function keepCookies(cookies: Map<string, string>, setCookies: string[]): void {
  for (const setCookie of setCookies) {
    const [pair] = setCookie.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(setCookie)) cookies.delete(name);
    else cookies.set(name, value);
  }
}
