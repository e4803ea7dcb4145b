import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layers may only import inward: domain ← app ← adapters/entry; static/ reaches the backend only through
// its typed client, and never imports the platform's server packages.
const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'static/dist/', '.forge-local/', 'local/web/*.js', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Starts Forge's tools (scripts/forge-tools.ts) as a CommonJS program.
  { files: ['scripts/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['static/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  layer(['src/domain/**'], [
    { group: ['@forge/*', 'react', 'react-dom', 'node:*', '../app/*', '../adapters/*', '../entry/*', '../contract/*'], message: 'src/domain is pure: no platform, UI, I/O or outer layers.' },
  ]),
  layer(['src/app/**'], [{ group: ['../entry/*'], message: 'Use cases must not depend on entry points.' }]),
  layer(['src/contract/**'], [{ group: ['@forge/*', 'react', '../app/*', '../adapters/*', '../entry/*'], message: 'The contract is shared with static/: schemas only.' }]),
  layer(['static/**'], [
    { group: ['@forge/api', '@forge/kvs', '@forge/resolver', '**/src/app/*', '**/src/adapters/**', '**/src/entry/*', '**/local/*'], message: 'static/ talks to the backend only through static/src/api.ts.' },
  ]),
  layer(['src/**'], [{ group: ['**/local/*', '**/static/*'], message: 'The app never bundles the local host or the UI.' }]),
  {
    files: ['static/src/**'],
    ignores: ['static/src/api.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: '@forge/bridge', importNames: ['invoke'], message: 'Call the backend through static/src/api.ts.' }], patterns: [{ group: ['@forge/api', '@forge/kvs', '@forge/resolver', '**/src/app/*', '**/src/adapters/**', '**/src/entry/*', '**/local/*'], message: 'static/ talks to the backend only through static/src/api.ts.' }] }] },
  },
);
