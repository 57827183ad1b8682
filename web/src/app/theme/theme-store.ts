import { computed, DOCUMENT, effect, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'pulseboard.theme';

type ThemeState = { choice: ThemeChoice; systemPrefersDark: boolean };

/** Light or dark: follows prefers-color-scheme until the user picks one, then remembers it. */
export const ThemeStore = signalStore(
  { providedIn: 'root' },
  withState<ThemeState>({ choice: 'system', systemPrefersDark: false }),
  withComputed(({ choice, systemPrefersDark }) => ({
    isDark: computed(() => (choice() === 'system' ? systemPrefersDark() : choice() === 'dark')),
  })),
  withMethods((store, document = inject(DOCUMENT)) => ({
    toggle(): void {
      const choice: ThemeChoice = store.isDark() ? 'light' : 'dark';
      document.defaultView?.localStorage.setItem(STORAGE_KEY, choice);
      patchState(store, { choice });
    },
  })),
  withHooks({
    onInit(store, document = inject(DOCUMENT)) {
      const window = document.defaultView;
      const saved = window?.localStorage.getItem(STORAGE_KEY);
      const query = window?.matchMedia?.('(prefers-color-scheme: dark)');
      patchState(store, {
        choice: saved === 'light' || saved === 'dark' ? saved : 'system',
        systemPrefersDark: query?.matches ?? false,
      });
      query?.addEventListener('change', (event) => patchState(store, { systemPrefersDark: event.matches }));
      // theme.scss pins html's color-scheme from this attribute; without it the OS decides.
      effect(() => {
        const choice = store.choice();
        if (choice === 'system') delete document.documentElement.dataset['theme'];
        else document.documentElement.dataset['theme'] = choice;
      });
    },
  }),
);
