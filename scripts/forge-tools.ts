/**
 * Runs Forge's own build tools offline, as the Forge CLI (`@forge/cli` 13.3) calls them, in the current directory:
 *   bundle <outDir>  `forge deploy`'s backend bundle: @forge/bundler's node bundler (webpack + ts-loader with the
 *                    app's tsconfig.json) over the entry points the manifest's handlers name, copied to <outDir>.
 *   lint             `forge lint`'s client-side linters (@forge/lint) over every file under src/, as the CLI's
 *                    LintService lists them; exits 1 on any error or warning.
 * Started as CommonJS by forge-tools.cjs: the bundler requires `require.main`, as the CLI (a CommonJS program) has.
 */
import * as bundlerApi from '@forge/bundler';
import * as lintApi from '@forge/lint';
import * as shared from '@forge/cli-shared';
import * as fs from 'node:fs';
import * as path from 'node:path';

const logger: shared.Logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace: () => {},
  debug: () => {},
  info: (m) => console.error(m),
  warn: (m) => console.error(`warning: ${m}`),
  error: (e) => console.error(e.message),
};

/**
 * Forge's runtime wrapper is fetched from Atlassian's CDN at deploy time and runs around the bundle on the
 * platform; it is not the app's code, so offline it is left empty (the local host plays that part).
 */
const offlineWrapper = {
  getNodeRuntimeWrapper: async () => ({ script: '', source: 'offline', version: 'offline' }),
  getNodeRuntimeLoader: async () => ({ script: '', source: 'offline', version: 'offline' }),
};

/** Feature flags the CLI reads from Statsig: offline, every flag takes the CLI's own default. */
class OfflineFlags extends shared.StatsigReader {
  async checkGate(): Promise<null> {
    return null;
  }
  async getDynamicConfig(): Promise<null> {
    return null;
  }
}

const configFile = () => new shared.ConfigFile(new shared.FileSystemReader(), new shared.FileSystemWriter());

async function bundle(outDir: string): Promise<void> {
  const config = configFile();
  const entryPoints = bundlerApi.getEntryPoints(await config.getAppHandlers());
  const bundler = bundlerApi.getNodeBundler(logger, offlineWrapper, config);
  const { outputDir, metadata } = await bundler.bundle({ appDirectory: process.cwd(), entryPoints });
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.cpSync(outputDir, outDir, { recursive: true });
  console.log(JSON.stringify({ entryPoints: entryPoints.map((e) => e.name), files: fs.readdirSync(outDir), tsFiles: metadata?.tsFiles ?? 0 }));
}

/**
 * The scope linter reads each product's OpenAPI spec from developer.atlassian.com; offline it takes local copies
 * through the variables it reads for that (@forge/lint permission-linter.js). Jira's platform spec v3 is kept in
 * scripts/openapi/, reduced to the two fields the linter reads per operation (from the published spec, version
 * in its `info`); the app calls no other product, so theirs are empty and any call to one would go unmatched.
 */
function useLocalSpecs(): void {
  const dir = path.resolve(__dirname, 'openapi');
  const unused = `${dir}/unused-product.json`;
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: 'true',
    LOCAL_JIRA_SWAGGER: `${dir}/jira-platform-v3.json`,
    LOCAL_JSM_SWAGGER: unused,
    LOCAL_JSW_SWAGGER: unused,
    LOCAL_CONF_SWAGGER: unused,
    LOCAL_CONF_V2_SWAGGER: unused,
    LOCAL_BB_SWAGGER: unused,
  });
}

async function lint(): Promise<void> {
  useLocalSpecs();
  const reader = new shared.FileSystemReader();
  const config = configFile();
  const exclude = [...(await shared.listGitIgnoreFiles(reader)), '.git', 'node_modules'];
  const files = await reader.recursiveReadDir('./src', exclude);
  const results = await lintApi.lint(files, await config.readConfig(), 'development', logger, new OfflineFlags() as unknown as shared.StatsigService, { linter: { mode: 'client-side' } });
  const { include } = await shared.listTSConfigIncludeExclude(reader);
  const problems = results.flatMap((r) => [...r.errors.map((e) => ({ ...e, level: 'error' })), ...r.warnings.map((w) => ({ ...w, level: 'warning' }))].map((p) => ({ file: r.file, line: p.line, column: p.column, level: p.level, message: p.message })));
  const parsed = files.filter((f) => /\.[jt]sx?$/.test(f) && (include.length === 0 || include.includes(path.resolve(f))));
  console.log(JSON.stringify({ files: files.length, parsed: parsed.length, problems }));
  if (problems.length > 0) process.exitCode = 1;
}

const [command, arg] = process.argv.slice(2);
const run = command === 'bundle' && arg ? bundle(arg) : command === 'lint' ? lint() : Promise.reject(new Error('usage: forge-tools.cts bundle <outDir> | lint'));
run.catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
