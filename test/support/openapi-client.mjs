// Generates TypeScript types from an OpenAPI document with openapi-typescript's programmatic API.
// A separate process, since openapi-typescript's dependencies are ES modules Jest cannot require.
// Usage: node openapi-client.mjs <document.json> <output.ts>
import { readFileSync, writeFileSync } from 'node:fs';

import openapiTS, { astToString } from 'openapi-typescript';

const [input, output] = process.argv.slice(2);
const ast = await openapiTS(JSON.parse(readFileSync(input, 'utf8')));
writeFileSync(output, astToString(ast));
