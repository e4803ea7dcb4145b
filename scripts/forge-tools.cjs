// Starts scripts/forge-tools.ts as CommonJS, with this file as the main module: Forge's bundler requires `require.main`.
require('tsx/cjs');
require('./forge-tools.ts');
