import type { BrowserWindow, BrowserWindowConstructorOptions, NativeTheme, Screen } from 'electron'
import { hardenWebContents, secureWebPreferences } from '../security/harden'
import { loadWindowState, saveWindowState, type WindowState } from './window-state'

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow
  preloadPath: string
  state: WindowState
  openExternal: (url: string) => unknown
  devServerUrl?: string
  iconPath?: string
  /** Matches the theme the page will paint, so the window never flashes the wrong colour. */
  backgroundColor: string
}

/** Creates the main window with the secure preferences and guards; the caller loads its URL. */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const { state } = deps
  const win = new deps.BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Steady',
    backgroundColor: deps.backgroundColor,
    autoHideMenuBar: true,
    ...(deps.iconPath ? { icon: deps.iconPath } : {}),
    webPreferences: secureWebPreferences(deps.preloadPath),
  })
  hardenWebContents(win.webContents, deps.openExternal, deps.devServerUrl)
  if (state.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())
  return win
}

/** The state to remember: the normal (unmaximised) bounds, plus whether it was maximised. */
export function currentWindowState(
  win: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>,
): WindowState {
  const { x, y, width, height } = win.getNormalBounds()
  return { x, y, width, height, maximized: win.isMaximized() }
}

export interface MainWindowSource extends Omit<MainWindowDeps, 'state' | 'backgroundColor'> {
  /** Where its size and place are remembered. */
  stateFile: string
  screen: Pick<Screen, 'getAllDisplays'>
  nativeTheme: Pick<NativeTheme, 'shouldUseDarkColors'>
}

/** Makes main windows at their remembered place, and remembers where they went. */
export function mainWindows({ stateFile, screen, nativeTheme, ...deps }: MainWindowSource) {
  return {
    create: async (): Promise<BrowserWindow> =>
      createMainWindow({
        ...deps,
        state: await loadWindowState(
          stateFile,
          screen.getAllDisplays().map((d) => d.workArea),
        ),
        backgroundColor: nativeTheme.shouldUseDarkColors ? '#17191c' : '#f7f7f5',
      }),
    saveState: (win: BrowserWindow): Promise<void> =>
      saveWindowState(stateFile, currentWindowState(win)),
  }
}
