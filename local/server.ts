import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from './host';

// `npm start`: the local Forge host on http://localhost:4400 (PORT overrides), data under .forge-local/.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT === undefined ? 4400 : Number(process.env.PORT);
const dataDir = resolve(root, process.env.FORGE_LOCAL_DATA ?? '.forge-local');

const host = await startHost({ port, dataDir, root, schedule: process.env.FORGE_LOCAL_SCHEDULE !== 'off', demo: process.env.FORGE_LOCAL_DEMO !== 'off', bundle: process.env.FORGE_LOCAL_BUNDLE });
console.log(`Local Forge host ready at ${host.url}`);
console.log(`  issue view   ${host.url}/browse/SEC-1?as=ir-analyst`);
console.log(`  global page  ${host.url}${host.links.global}`);
console.log(`  admin page   ${host.url}${host.links.admin}`);

const stop = () => {
  host.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
