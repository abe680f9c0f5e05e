// Usage: npm run migration:generate -- AddSomething
// Applies the existing migrations to a scratch database, writes the difference with the entities
// as migrations/<timestamp>-AddSomething.ts, and lists every migration in migrations/index.ts.
// Read and correct the result by hand: extensions, exclusion constraints and policies are ours to write.
const { readdirSync, writeFileSync } = require('node:fs');
const { withScratchDatabase, typeorm } = require('./scratch-database');

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npm run migration:generate -- PascalCaseName');
  process.exit(2);
}

function writeIndex() {
  const files = readdirSync('migrations')
    .filter((file) => /^\d+-[A-Za-z0-9]+\.ts$/.test(file))
    .sort();
  const entries = files.map((file) => {
    const [timestamp, base] = file.replace(/\.ts$/, '').split('-');
    return { module: `./${file.replace(/\.ts$/, '')}`, className: `${base}${timestamp}` };
  });
  const lines = [
    '// Written by scripts/migration-generate.js: every migration, in order.',
    ...entries.map((e) => `import { ${e.className} } from '${e.module}';`),
    '',
    `export const MIGRATIONS = [${entries.map((e) => e.className).join(', ')}];`,
    '',
  ];
  writeFileSync('migrations/index.ts', lines.join('\n'));
}

withScratchDatabase('migration_generate', async (url) => {
  if (typeorm(url, ['migration:run']) !== 0) throw new Error('existing migrations failed');
  const status = typeorm(url, ['migration:generate', `migrations/${name}`, '--pretty']);
  writeIndex();
  return status;
})
  .then((status) => process.exit(status))
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
