import { expect } from 'vitest';
import type { TestBrowser } from '../../../testkit/browser';

export const THEMES = ['light', 'dark'] as const;

/** Switches the app to a theme with its header toggle (the OS preference only sets the first). */
export async function useTheme(test: TestBrowser, theme: (typeof THEMES)[number]): Promise<void> {
  const toggle = test.page.locator('header button[aria-pressed]');
  if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'dark')) await toggle.click();
  await expect.poll(async () => await toggle.getAttribute('aria-pressed')).toBe(String(theme === 'dark'));
}
