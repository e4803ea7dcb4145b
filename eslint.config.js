import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layers may only import inward: domain ← app ← adapters/entry; static/ reaches the backend only through
// its typed client, and never imports the platform's server packages. In a flat config the last block that
// sets a rule for a file wins, so each file gets exactly one no-restricted-imports block: its layer's own
// patterns plus the ones every file of src/ shares (test/unit/eslint-layers.test.ts proves they fire).
const NOT_IN_APP = { group: ['**/local/*', '**/static/*'], message: 'The app never bundles the local host or the UI.' };
const STATIC_RULE = { group: ['@forge/api', '@forge/kvs', '@forge/resolver', '**/src/app/*', '**/src/adapters/**', '**/src/entry/*', '**/local/*'], message: 'static/ talks to the backend only through static/src/api.ts.' };
const layer = (files, patterns, extra = {}) => ({ files, ...extra, rules: { 'no-restricted-imports': ['error', { patterns }] } });
const srcLayer = (files, group, message) => layer(files, [{ group, message }, NOT_IN_APP]);

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
  layer(['src/**'], [NOT_IN_APP]),
  srcLayer(['src/domain/**'], ['@forge/*', 'react', 'react-dom', 'node:*', '**/app/*', '**/adapters/**', '**/entry/*', '**/contract/*'], 'src/domain is pure: no platform, UI, I/O or outer layers.'),
  srcLayer(['src/shared/**'], ['@forge/*', 'react', 'node:*', '**/app/*', '**/adapters/**', '**/entry/*', '**/contract/*', '**/domain/*'], 'src/shared is imported by every layer and imports none of them.'),
  srcLayer(['src/app/**'], ['**/entry/*'], 'Use cases must not depend on entry points.'),
  srcLayer(['src/adapters/**'], ['**/app/*', '**/entry/*'], 'Adapters import nothing from src/app or src/entry (errors live in src/shared).'),
  srcLayer(['src/contract/**'], ['@forge/*', 'react', '**/app/*', '**/adapters/**', '**/entry/*'], 'The contract is shared with static/: schemas only.'),
  layer(['static/**'], [STATIC_RULE]),
  {
    files: ['static/src/**'],
    ignores: ['static/src/api.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: '@forge/bridge', importNames: ['invoke'], message: 'Call the backend through static/src/api.ts.' }], patterns: [STATIC_RULE] }] },
  },
);
