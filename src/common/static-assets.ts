import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

import type { Response } from 'express';

import { DomainError } from './domain-error';

export interface Asset {
  contentType: string;
  body: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A piece of HTML that two pages share: inlined where a page says `<!-- include name.part.html -->`. */
const PART = /\.part\.html$/;
const INCLUDE = /<!-- include ([\w-]+\.part\.html) -->/g;

function read(directory: string, name: string): string {
  const body = readFileSync(join(directory, name), 'utf8');
  return extname(name) === '.html'
    ? body.replace(INCLUDE, (_, part: string) => readFileSync(join(directory, part), 'utf8'))
    : body;
}

/**
 * A page's files by name, read once: a name not in this map is never read from disk. The parts
 * are not served on their own.
 */
export function loadAssets(directory: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(directory)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType && !PART.test(name)) {
      assets.set(name, { contentType, body: read(directory, name) });
    }
  }
  return assets;
}

/**
 * Serves a page's files from `directory`: `index.html` at the page's own path, the others by name.
 * The files are public (they hold no data: every figure comes from the API with the session).
 */
export class StaticAssets {
  private readonly assets: Map<string, Asset>;

  /** `generated`: the bodies of files the server writes from its own sources, by name. */
  constructor(directory: string, generated: Record<string, string> = {}) {
    this.assets = loadAssets(directory);
    for (const [name, body] of Object.entries(generated))
      this.assets.set(name, { contentType: CONTENT_TYPES[extname(name)], body });
  }

  index(response: Response): void {
    this.send(response, this.assets.get('index.html'));
  }

  asset(response: Response, name: string): void {
    this.send(response, name === 'index.html' ? undefined : this.assets.get(name));
  }

  private send(response: Response, asset: Asset | undefined): void {
    if (!asset) throw DomainError.notFound('Page file');
    response
      .status(200)
      .set({ 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache' })
      .send(asset.body);
  }
}

export const assetsDirectory = (feature: string): string =>
  join(__dirname, '..', feature, 'assets');
