import { describe, expect, it } from 'vitest';
import { hostUrl } from '../support/client';

// The host draws the app's frame as Jira does for the manifest's module entry: without `viewportSize` the
// frame is not fixed and grows with its content (shell.js), as Jira's automatic resizing does.
describe("the app's frame size", () => {
  it('gives the issue panel an auto-sized frame, since the manifest names no viewportSize', async () => {
    const html = await (await fetch(`${hostUrl()}/browse/SEC-1?as=ir-analyst`)).text();
    const frame = html.match(/<iframe[^>]*data-testid="forge-frame"[^>]*>/)?.[0] ?? '';
    expect(frame).toContain('class="forge-frame"');
    expect(frame).not.toContain('data-viewport-size');
  });
});
