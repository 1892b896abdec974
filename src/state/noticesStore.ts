/** Banners above the panels: what the user should know now, each with an optional action. */
import { create } from 'zustand';

export interface Notice {
  /** A notice with the same id replaces the previous one instead of stacking. */
  id: string;
  tone: 'info' | 'warning' | 'error';
  title: string;
  detail?: string;
  action?: { label: string; run: () => void };
  dismissible: boolean;
}

interface NoticesState {
  notices: Notice[];
  show(notice: Notice): void;
  dismiss(id: string): void;
}

export const useNotices = create<NoticesState>()((set) => ({
  notices: [],
  show(notice) {
    set((state) => ({ notices: [...state.notices.filter((n) => n.id !== notice.id), notice] }));
  },
  dismiss(id) {
    set((state) => ({ notices: state.notices.filter((n) => n.id !== id) }));
  },
}));
