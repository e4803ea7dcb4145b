// Atlassian design tokens as CSS custom properties, served to the app's iframe when it enables theming
// (Jira does the same), so `var(--ds-…)` resolves to the real light and dark values.
const THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];
let css: string | undefined;

export async function themeCss(): Promise<string> {
  if (css === undefined) {
    const parts = await Promise.all(
      THEMES.map(async (t) => ((await import(`@atlaskit/tokens/dist/esm/artifacts/themes/${t}.js`)) as { default: string }).default),
    );
    css = `${parts.join('\n')}\nhtml { background: var(--ds-surface, #fff); color: var(--ds-text, #172B4D); color-scheme: light; }\nhtml[data-color-mode="dark"] { color-scheme: dark; }\n`;
  }
  return css;
}
