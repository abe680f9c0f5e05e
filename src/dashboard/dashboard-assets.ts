import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface Asset {
  contentType: string;
  body: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The dashboard's files by name, read once: a name not in this map is never read from disk. */
export function loadAssets(directory: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(directory)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) {
      assets.set(name, { contentType, body: readFileSync(join(directory, name), 'utf8') });
    }
  }
  return assets;
}

export const ASSETS_DIRECTORY = join(__dirname, 'assets');
