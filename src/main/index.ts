/**
 * Electron entry point: wires the services of each feature folder to Electron's real objects.
 * Nothing here holds logic worth testing on its own; the services do.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  BrowserWindow,
  app,
  dialog,
  nativeTheme,
  net,
  protocol,
  screen,
  session,
  shell,
} from 'electron'
import { registerAppInfoIpc } from './app-info/ipc'
import { electronDialogs, registerExportIpc } from './export/ipc'
import { createAppHandle } from './ipc'
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  resolveAppPath,
} from './security/app-protocol'
import { CONTENT_SECURITY_POLICY } from './security/csp'
import { denyAllPermissions, isAppUrl } from './security/harden'
import { toTrustedExternalUrl } from '../shared/links'
import { createMainWindow, currentWindowState } from './window/main-window'
import { loadWindowState, saveWindowState } from './window/window-state'

// In development electron-vite serves the renderer over http; packaged builds never set this.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const rendererDir = path.join(import.meta.dirname, '../renderer')
const preloadPath = path.join(import.meta.dirname, '../preload/index.cjs')

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  })

  const openExternal = async (url: string): Promise<boolean> => {
    const trusted = toTrustedExternalUrl(url)
    if (!trusted) return false
    await shell.openExternal(trusted)
    return true
  }

  const serveApp = (): void => {
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppPath(request.url, rendererDir)
      if (!file) return new Response('Not found', { status: 404 })
      const response = await net.fetch(pathToFileURL(file).toString())
      const headers = new Headers(response.headers)
      headers.set('Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`)
      headers.set('X-Content-Type-Options', 'nosniff')
      return new Response(response.body, { status: response.status, headers })
    })
  }

  const openMainWindow = async (): Promise<void> => {
    const stateFile = path.join(app.getPath('userData'), 'window-state.json')
    const displays = screen.getAllDisplays().map((d) => d.workArea)
    const win = createMainWindow({
      BrowserWindow,
      preloadPath,
      state: await loadWindowState(stateFile, displays),
      openExternal,
      devServerUrl,
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#17191c' : '#f7f7f5',
      iconPath: path.join(import.meta.dirname, '../../resources/icon.png'),
    })
    mainWindow = win
    let saveTimer: NodeJS.Timeout | undefined
    const rememberBounds = (): void => {
      clearTimeout(saveTimer)
      saveTimer = setTimeout(() => void saveWindowState(stateFile, currentWindowState(win)), 500)
    }
    win.on('resize', rememberBounds)
    win.on('move', rememberBounds)
    win.on('close', () => {
      clearTimeout(saveTimer)
      void saveWindowState(stateFile, currentWindowState(win))
    })
    win.on('closed', () => {
      mainWindow = null
    })
    await win.loadURL(devServerUrl ?? APP_ENTRY_URL)
  }

  void app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession)
    serveApp()
    const handle = createAppHandle((url) => isAppUrl(url, devServerUrl))
    registerAppInfoIpc(handle, app, openExternal)
    registerExportIpc(
      handle,
      electronDialogs(dialog, () => mainWindow),
    )
    await openMainWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openMainWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
