import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createRequire } from 'node:module';

// The validator Atlassian ships, offline. It needs static/dist built (npm test builds first).
const require = createRequire(import.meta.url);
const forgeManifest = require('@forge/manifest') as {
  ValidationTypes: { FULL: string; PRODUCT_TRIGGER: string };
  ProcessorBuilder: { instance(): { withValidation(t: string): { build(): { process(file: string): Promise<{ success: boolean; errors?: unknown[] }> } } } };
};

const manifest = parse(readFileSync('manifest.yml', 'utf8')) as {
  app: { runtime: { name: string } };
  modules: Record<string, { key: string; handler?: string; interval?: string; viewportSize?: string; useAsConfig?: boolean; resolver?: { function: string } }[]>;
  permissions: { scopes: string[]; external?: unknown };
  remotes?: unknown;
};

// The validator reads a 2.3 MB schema and loading the app's source takes seconds too: on a machine busy with
// other suites that is well past vitest's default 5 s, which says nothing about the manifest.
const SLOW = 60_000;

describe('manifest.yml', () => {
  it.each(['FULL', 'PRODUCT_TRIGGER'] as const)('passes @forge/manifest %s validation', async (type) => {
    const result = await forgeManifest.ProcessorBuilder.instance().withValidation(forgeManifest.ValidationTypes[type]).build().process('manifest.yml');
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  }, SLOW);

  it('names only handlers that src/index.ts exports', async () => {
    const index = (await import('../../src/index')) as Record<string, unknown>;
    const handlers = manifest.modules.function!.map((f) => f.handler!.split('.'));
    for (const [file, name] of handlers) {
      expect(file).toBe('index');
      expect(typeof index[name!], `index.${name}`).toBe('function');
    }
    expect(Object.keys(index).sort()).toEqual(handlers.map(([, n]) => n).sort());
  }, SLOW);

  it('declares the three UI modules, each with its own resolver function, and the timer trigger', () => {
    const panel = manifest.modules['jira:issuePanel']![0]!;
    const global = manifest.modules['jira:globalPage']![0]!;
    const admin = manifest.modules['jira:adminPage']![0]!;
    // No viewportSize: Jira then resizes the panel to its content (a fixed frame would clip or leave gaps).
    expect(panel.viewportSize).toBeUndefined();
    // `layout: basic` is deprecated for Custom UI global pages.
    expect((global as { layout?: string }).layout).toBeUndefined();
    expect(admin.useAsConfig).toBe(true);
    const context = manifest.modules['jira:issueContext']![0]!;
    const fns = [panel, context, global, admin].map((m) => m.resolver!.function);
    expect(new Set(fns).size).toBe(4);
    expect(manifest.modules.scheduledTrigger).toEqual([expect.objectContaining({ interval: 'fiveMinute' })]);
  });

  it('runs on nodejs22.x with no egress and no remotes (Runs on Atlassian)', () => {
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
    expect(manifest.permissions.external).toBeUndefined();
    expect(manifest.remotes).toBeUndefined();
    expect(manifest.permissions.scopes).not.toContain('manage:jira-configuration');
  });
});
