import type { Issue, User } from '../jira/model';
import { seed } from '../jira/model';

export const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Page {
  title: string;
  persona: User;
  theme: 'light' | 'dark';
  links: { global: string; admin: string };
  body: string;
}

/** The Jira-like frame around the app's modules: top bar, persona switcher, navigation. */
export function layout(p: Page): string {
  const personas = seed.users
    .map((u) => `<option value="${esc(u.persona)}"${u.persona === p.persona.persona ? ' selected' : ''}>${esc(u.persona)} — ${esc(u.displayName)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en" data-color-mode="${p.theme}" data-theme="dark:dark light:light spacing:spacing typography:typography">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} - Local Jira</title>
<link rel="stylesheet" href="/__local/tokens.css"><link rel="stylesheet" href="/__local/shell.css">
<script src="/__local/shell.js" defer></script>
</head>
<body>
<header class="topbar">
  <a class="brand" href="/">Local Jira</a>
  <nav><a href="/browse/SEC-1">SEC-1</a><a href="/browse/SEC-2">SEC-2</a><a href="/browse/SEC-3">SEC-3</a><a href="${esc(p.links.global)}">Security incidents</a><a href="${esc(p.links.admin)}">Apps settings</a></nav>
  <form class="persona" method="get"><label>Viewing as <select name="as" id="persona-switcher">${personas}</select></label>
  <label>Theme <select name="theme" id="theme-switcher"><option value="light"${p.theme === 'light' ? ' selected' : ''}>Light</option><option value="dark"${p.theme === 'dark' ? ' selected' : ''}>Dark</option></select></label>
  <noscript><button>Switch</button></noscript></form>
</header>
<main>${p.body}</main>
<div id="flags" aria-live="polite"></div>
</body></html>`;
}

/**
 * The app's iframe, sized as Jira sizes it: a module with `viewportSize` gets a frame of that fixed size;
 * without it the frame grows with its content (the bridge reports the height).
 */
export function appFrame(src: string, title: string, viewportSize?: string): string {
  const fixed = viewportSize ? ` forge-frame-fixed forge-frame-${esc(viewportSize)}" data-viewport-size="${esc(viewportSize)}` : '';
  return `<iframe class="forge-frame${fixed}" data-testid="forge-frame" title="${esc(title)}" src="${esc(src)}"></iframe>`;
}

export function issueView(issue: Issue | undefined, canSee: boolean, frame: string | undefined, contextFrame?: string): string {
  if (!issue || !canSee) {
    return `<section class="empty"><h1>Issue does not exist</h1><p>It may have been deleted, or you don't have permission to view it.</p></section>`;
  }
  return `<div class="issue">
  <section class="issue-main">
    <p class="crumbs">Projects / Security Incidents / <span data-testid="issue-key">${esc(issue.key)}</span></p>
    <h1 data-testid="issue-summary">${esc(issue.summary)}</h1>
    <h2>Description</h2><p>${esc(issue.description)}</p>
    <h2>Attachments</h2><ul>${issue.attachments.map((a) => `<li>${esc(a.filename)}</li>`).join('') || '<li>None</li>'}</ul>
  </section>
  <aside class="issue-panel"><h2>Security incident</h2>${frame ?? ''}</aside>
  <aside class="issue-context" aria-label="Details" data-testid="issue-context">${contextFrame ? `<details open class="context-module"><summary>Security incident</summary>${contextFrame}</details>` : ''}<h2>Details</h2><dl><dt>Project</dt><dd>${esc(issue.project)}</dd></dl></aside>
</div>`;
}

/** Jira's issue search page, as far as the app links to it: the query and the issues it finds for this user. */
export function searchPage(jql: string, found: { status: number; body: unknown }): string {
  const b = found.body as { issues?: { key: string; fields: { summary?: string } }[]; errorMessages?: string[] };
  const results = found.status === 200
    ? `<ul data-testid="search-results">${(b.issues ?? []).map((i) => `<li><a href="/browse/${esc(i.key)}">${esc(i.key)}</a> ${esc(i.fields.summary ?? '')}</li>`).join('') || '<li>No issues match.</li>'}</ul>`
    : `<p role="alert">${esc((b.errorMessages ?? []).join(' '))}</p>`;
  return `<section class="search"><h1>Search</h1><form method="get" action="/issues/"><label for="jql">JQL</label><textarea id="jql" name="jql" data-testid="jql" rows="3" cols="100">${esc(jql)}</textarea><button type="submit">Search</button></form>${results}</section>`;
}

export function home(links: { global: string; admin: string }): string {
  const issues = seed.issues.map((i) => `<li><a href="/browse/${esc(i.key)}">${esc(i.key)}</a> ${esc(i.summary)}</li>`).join('');
  return `<section class="home"><h1>Partner Incident Response — local Forge host</h1>
<p>The real app (its <code>src/</code> handlers and built <code>static/</code> bundle) running against a local Forge platform and a small Jira.</p>
<h2>Incident tickets</h2><ul>${issues}</ul>
<h2>App pages</h2><ul><li><a href="${esc(links.global)}">Security incidents (global page)</a></li><li><a href="${esc(links.admin)}">App settings (admin page)</a></li></ul>
<h2>Personas</h2><ul>${seed.users.map((u) => `<li><a href="?as=${esc(u.persona)}">${esc(u.persona)}</a> — ${esc(u.displayName)}</li>`).join('')}</ul></section>`;
}
