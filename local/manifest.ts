import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ModuleInfo {
  type: string;
  key: string;
  title?: string;
  resource?: string;
  resolverFunction?: string;
  /** A fixed frame size; absent, the frame resizes to its content. */
  viewportSize?: string;
}
export interface AppManifest {
  raw: unknown;
  appId: string;
  modules: ModuleInfo[];
  functions: Map<string, string>;
  resources: Map<string, { path: string; entry: Record<string, string> }>;
  scopes: Set<string>;
  triggers: { key: string; function: string; interval: string }[];
  egress: unknown;
}

const UI_MODULES = ['jira:issuePanel', 'jira:issueContext', 'jira:globalPage', 'jira:adminPage'];

/** Reads what the host needs from manifest.yml: modules, functions, resources, scopes, triggers. */
export function readManifest(file: string): AppManifest {
  const raw = parse(readFileSync(file, 'utf8')) as {
    app: { id: string };
    modules: Record<string, { key: string; title?: string; resource?: string; resolver?: { function?: string }; function?: string; interval?: string; handler?: string; viewportSize?: string }[]>;
    resources?: { key: string; path: string; entry?: Record<string, string> }[];
    permissions?: { scopes?: string[]; external?: unknown };
  };
  const modules: ModuleInfo[] = [];
  for (const type of UI_MODULES) {
    for (const m of raw.modules[type] ?? []) {
      modules.push({ type, key: m.key, title: m.title, resource: m.resource, resolverFunction: m.resolver?.function, viewportSize: m.viewportSize });
    }
  }
  return {
    raw,
    appId: raw.app.id.split('/').pop()!,
    modules,
    functions: new Map((raw.modules.function ?? []).map((f) => [f.key, f.handler!])),
    resources: new Map((raw.resources ?? []).map((r) => [r.key, { path: r.path, entry: r.entry ?? {} }])),
    scopes: new Set(raw.permissions?.scopes ?? []),
    triggers: (raw.modules.scheduledTrigger ?? []).map((t) => ({ key: t.key, function: t.function!, interval: t.interval! })),
    egress: raw.permissions?.external,
  };
}
