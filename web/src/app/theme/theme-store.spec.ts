import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { ThemeStore } from './theme-store';

describe('ThemeStore', () => {
  beforeEach(() => {
    localStorage.clear();
    delete document.documentElement.dataset['theme'];
  });

  it('follows the system until the user picks, then pins and remembers the pick', () => {
    const store = TestBed.inject(ThemeStore);
    TestBed.tick();
    expect(document.documentElement.dataset['theme']).toBeUndefined();
    const wasDark = store.isDark();

    store.toggle();
    TestBed.tick();
    expect(store.isDark()).toBe(!wasDark);
    expect(document.documentElement.dataset['theme']).toBe(wasDark ? 'light' : 'dark');
    expect(localStorage.getItem('pulseboard.theme')).toBe(wasDark ? 'light' : 'dark');
  });

  it('restores the remembered theme', () => {
    localStorage.setItem('pulseboard.theme', 'dark');
    const store = TestBed.inject(ThemeStore);
    TestBed.tick();
    expect(store.isDark()).toBe(true);
    expect(document.documentElement.dataset['theme']).toBe('dark');
  });
});
