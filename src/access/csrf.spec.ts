import { CsrfInput, csrfRefusal } from './csrf';

const write = (fields: Partial<CsrfInput>): CsrfInput => ({
  method: 'POST',
  origin: 'https://cpts.example',
  referer: undefined,
  expectedOrigin: 'https://cpts.example',
  headerToken: 'tok',
  sessionToken: 'tok',
  ...fields,
});

describe('CSRF check of cookie-authenticated requests', () => {
  it('lets reads through without a token', () => {
    expect(
      csrfRefusal(write({ method: 'GET', origin: 'https://evil.example', headerToken: undefined })),
    ).toBeUndefined();
  });

  it('accepts a write from our origin with the session token', () => {
    expect(csrfRefusal(write({}))).toBeUndefined();
  });

  it('refuses a write from another origin, even with the token', () => {
    expect(csrfRefusal(write({ origin: 'https://evil.example' }))).toMatch(/page of this service/);
  });

  it('refuses a write with neither Origin nor Referer', () => {
    expect(csrfRefusal(write({ origin: undefined }))).toMatch(/page of this service/);
  });

  it('falls back on the Referer when there is no Origin', () => {
    expect(
      csrfRefusal(write({ origin: undefined, referer: 'https://cpts.example/dashboard' })),
    ).toBeUndefined();
  });

  it('refuses a write without the token or with another', () => {
    expect(csrfRefusal(write({ headerToken: undefined }))).toMatch(/X-CSRF-Token/);
    expect(csrfRefusal(write({ headerToken: 'toK' }))).toMatch(/X-CSRF-Token/);
  });
});
