/**
 * UI state only: which screen is shown, which overlay is open, the theme choice. Data lives in
 * IndexedDB (db/), never copied here.
 */
import { create } from 'zustand'
import { persist } from 'zustand/middleware'

export type View = 'incidents' | 'action-items' | 'reminders' | 'settings'
export type ThemeChoice = 'system' | 'light' | 'dark'
export type Overlay = 'palette' | 'about' | null

interface UiState {
  view: View
  overlay: Overlay
  sidebarCollapsed: boolean
  theme: ThemeChoice
  navigate: (view: View) => void
  open: (overlay: Exclude<Overlay, null>) => void
  close: () => void
  toggleSidebar: () => void
  setTheme: (theme: ThemeChoice) => void
}

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      view: 'incidents',
      overlay: null,
      sidebarCollapsed: false,
      theme: 'system',
      navigate: (view) => set({ view, overlay: null }),
      open: (overlay) => set({ overlay }),
      close: () => set({ overlay: null }),
      toggleSidebar: () => set((s) => ({ sidebarCollapsed: !s.sidebarCollapsed })),
      setTheme: (theme) => set({ theme }),
    }),
    {
      name: 'steady.ui',
      partialize: (s) => ({ sidebarCollapsed: s.sidebarCollapsed, theme: s.theme }),
    },
  ),
)
