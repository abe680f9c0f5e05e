import { escapeHtml, safeNext, signInPage } from './auth-pages';

describe('sign-in pages', () => {
  it('keeps only local paths as the page to open after signing in', () => {
    expect(safeNext('/dashboard')).toBe('/dashboard');
    expect(safeNext('/medecin?x=1#offres')).toBe('/medecin?x=1#offres');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'dashboard',
      '',
      3,
      undefined,
      '/a b',
    ]) {
      expect(safeNext(bad)).toBeUndefined();
    }
  });

  it('escapes what it prints', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    expect(signInPage({ next: '/x"><script>', psc: false })).not.toContain('<script>');
  });

  it('shows the Pro Santé Connect button only when it is configured', () => {
    expect(signInPage({ next: '/dashboard', psc: true })).toContain(
      '/auth/psc/login?next=%2Fdashboard',
    );
    expect(signInPage({ next: '/dashboard', psc: false })).not.toContain('Pro Santé Connect');
  });
});
