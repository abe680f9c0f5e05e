// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import boundaries from 'eslint-plugin-boundaries';
import simpleImportSort from 'eslint-plugin-simple-import-sort';

/** Files of a feature that other features may import besides its module and services. */
const BOUNDARY_EXCEPTIONS = [
  // Entities: the schema. Relations between tables of two features (an appointment's practitioner)
  // name the other feature's entity, and the data source lists them all.
  '**/*.entity.ts',
  // Request and answer classes: the HTTP contract. A view that embeds or extends another
  // feature's (a monitored request is a request view) reuses its class, so OpenAPI keeps one schema.
  '**/dto/*.dto.ts',
  '**/dto/*.view.ts',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'eslint.config.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['src/*/assets/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'sessionStorage',
          'localStorage',
          'history',
          'FormData',
          'fetch',
          'AbortController',
          'TextDecoderStream',
          'URL',
          'URLSearchParams',
          'crypto',
          'navigator',
          'Intl',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['scripts/**/*.js', 'jest.config.js', 'test/support/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        process: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        console: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['test/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: Object.fromEntries(
        ['process', 'console', 'Buffer', 'URL', 'URLSearchParams'].map((name) => [
          name,
          'readonly',
        ]),
      ),
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // One helper runs raw SQL (docs/conventions.md, "Database access"): TypeORM's `query` answers
    // `[rows, count]` for an UPDATE or DELETE, rows otherwise. Only src/database wraps it.
    files: ['src/**/*.ts'],
    ignores: ['src/database/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message:
            'Run raw SQL with queryRows(manager, sql, parameters) from src/database/sql.ts (docs/conventions.md, "Database access").',
        },
      ],
    },
  },
  {
    // Feature boundaries (docs/conventions.md): from outside a feature, only its module and its
    // services are imported (a service file re-exports what other features may use); the kernel
    // (common, config, database, queue, access, ui) is open to all. BOUNDARY_EXCEPTIONS lists
    // what else may cross.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true } },
      'boundaries/include': ['src/**/*.ts'],
      'boundaries/elements': [
        { type: 'kernel', pattern: 'src/(common|config|database|queue|access|ui)' },
        { type: 'feature', pattern: 'src/*', capture: ['feature'] },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            { disallow: { to: { element: { type: 'feature' } } } },
            {
              allow: {
                to: {
                  element: {
                    type: 'feature',
                    fileInternalPath: ['**/*.module.ts', '**/*.service.ts', ...BOUNDARY_EXCEPTIONS],
                  },
                },
              },
            },
          ],
        },
      ],
    },
  },
);
