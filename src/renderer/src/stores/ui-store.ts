/**
 * UI state only: which screen is shown, which overlay is open, the theme choice. Data lives in
 * IndexedDB (db/), never copied here.
 */
import type { Phase } from '@shared/domain/model'
import { LOCAL_ZONE, type ZoneChoice } from '@shared/domain/zone'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { UI_STORAGE_KEY } from '../boot/first-frame'
import type { Persistence } from '../db/persistence'
import type { ListFilter } from '@shared/domain/list-filter'
import type { PeriodKind } from '@shared/domain/periods'

/** A search and filters the user named, shown in the sidebar under Incidents. */
export interface SavedFilter {
  id: string
  name: string
  query: string
  filter: ListFilter
}

export type Route =
  /** `saved` is the id of the saved filter the list opens with. */
  | { screen: 'incidents'; saved?: string }
  /** `phase` is set when the user opens an earlier phase to correct it. */
  | { screen: 'incident'; id: string; phase?: Phase }
  | { screen: 'action-items' }
  | { screen: 'metrics' }
  | { screen: 'reminders' }
  | { screen: 'settings' }
export type Screen = Route['screen']
export type ThemeChoice = 'system' | 'light' | 'dark'
export type Overlay = 'palette' | 'about' | 'shortcuts' | null

export interface UiState {
  route: Route
  overlay: Overlay
  sidebarCollapsed: boolean
  timelineOpen: boolean
  /**
   * Capture, Triage and Mitigate open in focus mode (sidebar as icons, the timeline's last three
   * entries) while this is on; F turns it off and on. Remembered.
   */
  focusMode: boolean
  /** Set by the incident screen while a pressure phase is shown in focus mode. */
  focused: boolean
  /** Reminders due now (not missed), for the sidebar's badge; set by the reminder engine. */
  dueCount: number
  /** Below NARROW the timeline is a drawer over the content, closed until asked for. */
  drawerOpen: boolean
  theme: ThemeChoice
  /** Show times in: 'local' (this computer's zone), 'UTC', or a chosen IANA zone. */
  timeZone: ZoneChoice
  storage: Persistence
  /** The screen shown failed to render: it is not remembered for the next start. */
  routeFailed: boolean
  /** The incident just moved to the trash, for the list's "Undo". Not kept across restarts. */
  trashed: { id: string; title: string } | null
  /** Something another window did that the user should know about (shown on the incident). */
  notice: string | null
  /** Set by the search shortcut; the search box takes focus as soon as it is there. */
  searchRequested: boolean
  /** Set by the command; the data settings start the export of every post-mortem. */
  postmortemsExportRequested: boolean
  /** The period the Metrics screen shows: the last one chosen. */
  metricsPeriod: PeriodKind
  setMetricsPeriod: (period: PeriodKind) => void
  /** Another incident shown side by side with the one open (its id), or null. */
  peek: string | null
  setPeek: (id: string | null) => void
  savedFilters: SavedFilter[]
  /** Saves a filter (a new one, or the one with its id) and shows it. */
  saveFilter: (filter: SavedFilter) => void
  deleteFilter: (id: string) => void
  navigate: (route: Route) => void
  open: (overlay: Exclude<Overlay, null>) => void
  close: () => void
  toggleSidebar: () => void
  toggleTimeline: () => void
  setTheme: (theme: ThemeChoice) => void
  setTimeZone: (zone: ZoneChoice) => void
  setTrashed: (trashed: { id: string; title: string } | null) => void
  setNotice: (notice: string | null) => void
}

/**
 * Below this width (a small window, or 200% zoom on a laptop) the sidebar folds to icons and the
 * timeline becomes a drawer. The same value is in global.css.
 */
export const NARROW_QUERY = '(max-width: 1099px)'
export const isNarrow = (): boolean =>
  typeof matchMedia === 'function' && matchMedia(NARROW_QUERY).matches

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      route: { screen: 'incidents' },
      overlay: null,
      sidebarCollapsed: false,
      timelineOpen: true,
      drawerOpen: false,
      focusMode: true,
      focused: false,
      dueCount: 0,
      theme: 'system',
      timeZone: LOCAL_ZONE,
      storage: 'unknown',
      searchRequested: false,
      postmortemsExportRequested: false,
      trashed: null,
      notice: null,
      routeFailed: false,
      metricsPeriod: 'this-year',
      setMetricsPeriod: (metricsPeriod) => set({ metricsPeriod }),
      peek: null,
      setPeek: (peek) => set({ peek }),
      savedFilters: [],
      saveFilter: (saved) =>
        set((s) => ({
          savedFilters: s.savedFilters.some((f) => f.id === saved.id)
            ? s.savedFilters.map((f) => (f.id === saved.id ? saved : f))
            : [...s.savedFilters, saved],
          route: { screen: 'incidents', saved: saved.id },
        })),
      deleteFilter: (id) =>
        set((s) => ({
          savedFilters: s.savedFilters.filter((f) => f.id !== id),
          route: { screen: 'incidents' },
        })),
      navigate: (route) =>
        set({
          route,
          overlay: null,
          routeFailed: false,
          notice: null,
          drawerOpen: false,
          peek: null,
        }),
      open: (overlay) => set({ overlay }),
      close: () => set({ overlay: null }),
      toggleSidebar: () => set((s) => ({ sidebarCollapsed: !s.sidebarCollapsed })),
      toggleTimeline: () =>
        set((s) =>
          isNarrow() ? { drawerOpen: !s.drawerOpen } : { timelineOpen: !s.timelineOpen },
        ),
      setTheme: (theme) => set({ theme }),
      setTimeZone: (timeZone) => set({ timeZone }),
      setTrashed: (trashed) => set({ trashed }),
      setNotice: (notice) => set({ notice }),
    }),
    {
      name: UI_STORAGE_KEY,
      // The screen is remembered too: a reload or a restart comes back to where the user was.
      partialize: (s) => ({
        route: s.routeFailed ? { screen: 'incidents' } : s.route,
        sidebarCollapsed: s.sidebarCollapsed,
        timelineOpen: s.timelineOpen,
        theme: s.theme,
        timeZone: s.timeZone,
        focusMode: s.focusMode,
        savedFilters: s.savedFilters,
        metricsPeriod: s.metricsPeriod,
      }),
    },
  ),
)
