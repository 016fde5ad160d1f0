// Lint rules that keep the architecture honest: shared/ is pure (no React, no ws, no node:),
// and server/ and client/ depend on shared/ but never on each other. Circular imports are
// caught separately by dpdm (see the `lint` script). Imports are sorted (one block, no blank
// lines: node built-ins, packages, then relative paths) and no test is left focused with `.only`.
// React components (client/**/*.tsx) import neither Yjs nor the mutations: they call session.commands.
// Formatting is Prettier's (`npm run format:check`), not ESLint's.
import js from '@eslint/js';
import noOnlyTests from 'eslint-plugin-no-only-tests';
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'os', 'crypto', 'child_process', 'url', 'stream'];
const clientForbidden = ['**/server/**', 'ws', 'better-sqlite3', ...nodeBuiltins];

function forbid(groups, message) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'data/**', '.test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': ['error', { groups: [['^\\u0000', '^node:', '^@?\\w', '^', '^\\.']] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    plugins: { 'no-only-tests': noOnlyTests },
    rules: { 'no-only-tests/no-only-tests': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      ['react', 'react-dom', 'react/*', 'ws', 'better-sqlite3', ...nodeBuiltins, '**/server/**', '**/client/**', 'y-websocket'],
      'shared/ is the pure board model: no React, ws, Node built-ins, server or client code.',
    ),
  },
  {
    files: ['server/**/*.ts'],
    rules: forbid(['**/client/**', 'react', 'react-dom'], 'server/ may import shared/, never client/.'),
  },
  {
    // The sync core is hook-shaped (server/sync/hooks.ts): the application plugs in through app.ts,
    // and the core never reaches up into it. Repeats server/'s rule: a later block replaces it.
    files: ['server/sync/**/*.ts'],
    rules: forbid(
      ['**/client/**', 'react', 'react-dom', '**/workshop/**', '**/access/**', '**/http/**', '**/app', '**/main'],
      'server/sync/ knows nothing of workshops, access or HTTP: take what it needs as a hook (server/sync/hooks.ts) from server/app.ts.',
    ),
  },
  {
    files: ['client/**/*.ts', 'client/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(clientForbidden, 'client/ may import shared/, never server/ or Node modules.'),
    },
  },
  {
    // React components change the board through session.commands (client/board/commands.ts) and
    // read BoardViews: Yjs stays in the session's .ts files. Repeats client/'s rule: a later block
    // replaces it.
    files: ['client/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: clientForbidden, message: 'client/ may import shared/, never server/ or Node modules.' },
            {
              group: ['yjs', 'y-*', 'y-*/**', '**/shared/model/mutations/**', '**/shared/workshop/mutations'],
              message: 'A React component changes the board through session.commands (client/board/commands.ts), never Yjs or a mutation directly.',
            },
          ],
        },
      ],
    },
  },
);
