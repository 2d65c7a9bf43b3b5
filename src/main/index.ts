/**
 * Electron entry point: wires the services of each feature folder to Electron's real objects.
 * Nothing here holds logic worth testing on its own; the services do.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  globalShortcut,
  nativeTheme,
  net,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
} from 'electron'
import {
  DEFAULT_DESKTOP_PREFERENCES,
  type DesktopPreferences,
  type ReminderSync,
} from '../shared/ipc-contract'
import { BackupService } from './backups/backup-service'
import { loadPreferences, savePreferences } from './desktop/preferences'
import { sendToPage } from './ipc/send'
import { registerReminderIpc } from './reminders/ipc'
import { createNotifier } from './reminders/notify'
import { ReminderScheduler } from './reminders/scheduler'
import { fileStore } from './reminders/store'
import { updateTray, type TrayActions } from './tray/tray'
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

if (process.platform === 'win32') app.setAppUserModelId('dev.steady.app')

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null
  let quitting = false
  /** Set once the page was asked for its last backup, on close or on quit. */
  let quitBackupTaken = false
  /** Resolves the wait for the page's answer to that request. */
  let quitBackupDone: (() => void) | null = null
  let tray: Tray | null = null
  let activeIncidents: ReminderSync['activeIncidents'] = []
  const userData = (name: string) => path.join(app.getPath('userData'), name)

  /** Shows the window (creating it if the tray was all that was left), then runs `then`. */
  const showWindow = async (then?: (win: BrowserWindow) => void): Promise<void> => {
    if (!mainWindow) await openMainWindow()
    const win = mainWindow
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
    if (!then) return
    // A window created just now has to load its page first.
    if (win.webContents.isLoading()) win.webContents.once('did-finish-load', () => then(win))
    else then(win)
  }

  app.on('second-instance', () => void showWindow())

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
    let flushedForClose = false
    win.on('close', (event) => {
      clearTimeout(saveTimer)
      void saveWindowState(stateFile, currentWindowState(win))
      const hideToTray = !quitting && prefs.closeToTray && tray
      if (!hideToTray && !flushedForClose && !quitBackupTaken) {
        // The page goes away for good: let it save pending edits (and back up) first, 3 s at most.
        event.preventDefault()
        flushedForClose = true
        quitBackupTaken = true
        const finished = new Promise<void>((resolve) => {
          quitBackupDone = resolve
          setTimeout(resolve, 3000)
        })
        sendToPage(win.webContents, 'backup:request', 'quit')
        void finished.then(() => win.close())
        return
      }
      // Closing keeps Steady in the tray (unless turned off), so reminders still fire.
      if (hideToTray) {
        event.preventDefault()
        win.hide()
        if (!prefs.trayHintShown) {
          prefs.trayHintShown = true
          void savePreferences(prefsFile(), prefs)
          new Notification({
            title: 'Steady is still running',
            body: 'It stays in the tray so reminders can reach you. Turn this off in Settings.',
          }).show()
        }
      }
    })
    win.on('closed', () => {
      mainWindow = null
    })
    await win.loadURL(devServerUrl ?? APP_ENTRY_URL)
  }

  const prefsFile = () => userData('desktop-preferences.json')
  let prefs = { ...DEFAULT_DESKTOP_PREFERENCES, trayHintShown: false }
  let shortcutRegistered = false

  const trayActions: TrayActions = {
    newIncident: () => void showWindow((win) => sendToPage(win.webContents, 'app:new-incident')),
    openIncident: (id) =>
      void showWindow((win) => sendToPage(win.webContents, 'app:open-incident', id)),
    show: () => void showWindow(),
    quit: () => {
      quitting = true
      app.quit()
    },
  }
  const refreshTray = (): void => {
    if (tray) updateTray(tray, (t) => Menu.buildFromTemplate(t), activeIncidents, trayActions)
  }

  /** Registers the quick-capture shortcut; fails gracefully when another app holds it. */
  const applyShortcut = (previous?: string): void => {
    if (previous) globalShortcut.unregister(previous)
    try {
      shortcutRegistered = globalShortcut.register(
        prefs.quickCaptureShortcut,
        trayActions.newIncident,
      )
    } catch {
      shortcutRegistered = false
    }
  }

  const desktopStatus = () => ({
    closeToTray: prefs.closeToTray,
    openAtLogin: prefs.openAtLogin,
    quickCaptureShortcut: prefs.quickCaptureShortcut,
    shortcutRegistered,
  })

  const notify = createNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    openIncident: trayActions.openIncident,
    openReminders: () =>
      void showWindow((win) => sendToPage(win.webContents, 'app:open-reminders')),
  })

  const scheduler = new ReminderScheduler({
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
    notify,
    ...fileStore(userData('reminders.json')),
  })

  const backupDir = () => userData('backups')
  const backups = new BackupService({
    dir: backupDir(),
    now: () => Date.now(),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
    requestSnapshot: () => sendToPage(mainWindow?.webContents, 'backup:request', 'scheduled'),
  })

  void app.whenReady().then(async () => {
    await mkdir(backupDir(), { recursive: true })
    denyAllPermissions(session.defaultSession)
    serveApp()
    prefs = await loadPreferences(prefsFile())
    const handle = createAppHandle((url) => isAppUrl(url, devServerUrl))
    registerAppInfoIpc(handle, app, openExternal)
    registerExportIpc(
      handle,
      electronDialogs(dialog, () => mainWindow),
    )
    registerReminderIpc(handle, scheduler, (active) => {
      activeIncidents = active
      refreshTray()
    })
    handle('backup:write', async ({ json, counts, reason }) => {
      const written = await backups.write(json, counts, reason)
      if (reason === 'quit') quitBackupDone?.()
      return written
    })
    handle('backup:list', () => backups.list())
    handle('backup:restore', (name, current) => backups.restore(name, current.json, current.counts))
    handle('backup:reveal', async () => {
      await shell.openPath(backupDir())
      return null
    })
    backups.start()
    handle('desktop:get-preferences', () => desktopStatus())
    handle('desktop:set-preferences', async (changes: Partial<DesktopPreferences>) => {
      const previous = prefs.quickCaptureShortcut
      prefs = { ...prefs, ...changes }
      await savePreferences(prefsFile(), prefs)
      app.setLoginItemSettings({ openAtLogin: prefs.openAtLogin })
      if (changes.quickCaptureShortcut) applyShortcut(previous)
      return desktopStatus()
    })

    tray = new Tray(path.join(import.meta.dirname, '../../resources/tray-32.png'))
    tray.on('click', () => void showWindow())
    refreshTray()
    applyShortcut()
    powerMonitor.on('resume', () => void scheduler.resume())
    await scheduler.start()
    await openMainWindow()
    app.on('activate', () => void showWindow())
  })

  app.on('before-quit', (event) => {
    quitting = true
    // One last backup before going: ask the page, wait for its answer (3 s at most), then quit.
    if (quitBackupTaken || !mainWindow) return
    quitBackupTaken = true
    event.preventDefault()
    const finished = new Promise<void>((resolve) => {
      quitBackupDone = resolve
      setTimeout(resolve, 3000)
    })
    sendToPage(mainWindow.webContents, 'backup:request', 'quit')
    void finished.then(() => app.quit())
  })
  app.on('will-quit', () => {
    globalShortcut.unregisterAll()
    scheduler.stop()
    backups.stop()
  })
  app.on('window-all-closed', () => {
    // Kept in the tray (the default), Steady runs on for its reminders; Quit is in the tray menu.
    // With that turned off, closing the last window quits, as elsewhere.
    if (process.platform !== 'darwin' && !(prefs.closeToTray && tray)) app.quit()
  })
}
