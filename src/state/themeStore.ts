/**
 * Light or dark. Follows the system unless the user picks one. Kept in this browser's local
 * storage rather than the URL: a shared link should not force a theme on whoever opens it.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

interface ThemeState {
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
}

export const useTheme = create<ThemeState>()(
  persist((set) => ({ theme: 'system', setTheme: (theme) => set({ theme }) }), {
    name: 'pde-lab-theme',
    version: 1,
  }),
);

export function applyTheme(theme: ThemeChoice): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
