import { build } from 'esbuild';
import { statSync } from 'node:fs';

// Bundles src/index.ts the way Forge's bundler does for nodejs22.x: one CommonJS file with its dependencies.
await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/backend/index.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`backend bundle: ${(statSync('dist/backend/index.cjs').size / 1024).toFixed(1)} KB`);
