import { assetsDirectory, loadAssets } from './static-assets';

describe.each(['dashboard', 'gp-space'])('the %s page files', (feature) => {
  const assets = loadAssets(assetsDirectory(feature));

  it('serves the page, its modules and its style with their content types', () => {
    expect(assets.get('index.html')?.contentType).toBe('text/html; charset=utf-8');
    const types = new Set([...assets.values()].map((asset) => asset.contentType));
    expect(types).toContain('text/javascript; charset=utf-8');
    expect(types).toContain('text/css; charset=utf-8');
  });

  it('has nothing the Content-Security-Policy would block: no inline script, handler or CDN', () => {
    const page = assets.get('index.html')?.body ?? '';
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const asset of assets.values())
      expect(asset.body).not.toMatch(/(from|import|url\()\s*['"]?(https?:)?\/\//);
  });

  it('holds no credential: the session cookie is HttpOnly, and no bearer token is kept or sent', () => {
    for (const [name, asset] of assets) {
      if (name.endsWith('.js'))
        expect(asset.body).not.toMatch(/Authorization|sessionStorage|Bearer/);
    }
    expect(assets.get('index.html')?.body).not.toMatch(/type="password"/);
  });

  it('never parses data as HTML in the scripts', () => {
    for (const [name, asset] of assets) {
      if (name.endsWith('.js'))
        expect(asset.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});
