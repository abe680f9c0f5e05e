import { assetsDirectory, loadAssets } from './static-assets';

describe.each(['dashboard', 'gp-space', 'ui'])('the %s page files', (feature) => {
  const assets = loadAssets(assetsDirectory(feature));
  const pages = [...assets].filter(([name]) => name.endsWith('.html'));

  it('serves the page, its modules and its style with their content types', () => {
    if (feature !== 'ui')
      expect(assets.get('index.html')?.contentType).toBe('text/html; charset=utf-8');
    const types = new Set([...assets.values()].map((asset) => asset.contentType));
    expect(types).toContain('text/javascript; charset=utf-8');
    expect(types).toContain('text/css; charset=utf-8');
  });

  it('has nothing the Content-Security-Policy would block: no inline script, handler or CDN', () => {
    for (const [, { body: page }] of pages) {
      expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(page).not.toMatch(/\son[a-z]+=/i);
      expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    for (const asset of assets.values())
      expect(asset.body).not.toMatch(/(from|import|url\()\s*['"]?(https?:)?\/\//);
  });

  it('holds no credential: the session cookie is HttpOnly, and no bearer token is kept or sent', () => {
    for (const [name, asset] of assets) {
      if (name.endsWith('.js'))
        expect(asset.body).not.toMatch(/Authorization|sessionStorage|Bearer/);
    }
    for (const [, { body: page }] of pages) expect(page).not.toMatch(/type="password"/);
  });

  it('never parses data as HTML in the scripts', () => {
    for (const [name, asset] of assets) {
      if (name.endsWith('.js'))
        expect(asset.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});

describe('the pages import the shared foundation rather than copies of it', () => {
  const shared = [...loadAssets(assetsDirectory('ui')).keys()];

  it.each(['dashboard', 'gp-space'])(
    '%s has no file of the same name as a shared one',
    (feature) => {
      const own = [...loadAssets(assetsDirectory(feature)).keys()];
      expect(own.filter((name) => shared.includes(name))).toEqual([]);
    },
  );
});

describe('the parts two pages share', () => {
  const assets = loadAssets(assetsDirectory('console'));

  it('are inlined into each page that includes them, and not served on their own', () => {
    for (const page of ['index.html', 'sas.html']) {
      const body = assets.get(page)?.body;
      expect(body).toContain('<input id="first-name" name="firstName"');
      expect(body).not.toContain('<!-- include');
    }
    expect([...assets.keys()].filter((name) => name.endsWith('.part.html'))).toEqual([]);
  });
});
