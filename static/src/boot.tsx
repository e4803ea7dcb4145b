import { createRoot } from 'react-dom/client';
import { view } from '@forge/bridge';
import type { ReactElement } from 'react';
import './styles.css';

export interface ViewContext {
  locale: string;
  timeZone: string;
}

/** Enables Atlassian theming (light/dark tokens) before the first render, then mounts the module's view. */
export async function boot(render: (ctx: ViewContext) => ReactElement): Promise<void> {
  const [, context] = await Promise.all([view.theme.enable().catch(() => undefined), view.getContext().catch(() => undefined)]);
  const ctx: ViewContext = {
    locale: context?.locale ?? navigator.language,
    timeZone: context?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  createRoot(document.getElementById('root')!).render(render(ctx));
}
