/**
 * Electron entry point: wires the services of each feature folder to Electron's real objects.
 * The services hold the logic and have their own tests; this wiring is proven by booting the built
 * bundle against a recording fake of Electron (test/desktop/boot.test.ts).
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
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
import type { ReminderSync } from '../shared/ipc-contract'
import { BackupService } from './backups/backup-service'
import { Desktop, registerDesktopIpc } from './desktop/desktop'
import { sendToPage } from './ipc/send'
import { registerReminderIpc } from './reminders/ipc'
import { createNotifier } from './reminders/notify'
import { ReminderScheduler } from './reminders/scheduler'
import { fileStore } from './reminders/store'
import { updateTray, type TrayActions } from './tray/tray'
import { registerAppInfoIpc } from './app-info/ipc'
import { electronDialogs, registerExportIpc } from './export/ipc'
import { createAppHandle } from './ipc'
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, serveApp } from './security/app-protocol'
import { registerBackupIpc } from './backups/ipc'
import { LastBackup } from './quit/last-backup'
import { CONTENT_SECURITY_POLICY } from './security/csp'
import { denyAllPermissions, isAppUrl } from './security/harden'
import { DOCUMENT_LINKS, toTrustedExternalUrl } from '../shared/links'
import { confirmLocalLink } from './security/local-links'
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
  /** The page's last backup, asked for once: when the window closes for good, or at quit. */
  const lastBackup = new LastBackup({
    request: () => sendToPage(mainWindow?.webContents, 'backup:request', 'quit'),
    setTimer: (fn, ms) => setTimeout(fn, ms),
  })
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

  /** The system browser, for allowlisted links; one to this computer opens only if the user agrees. */
  const openExternal = async (url: string): Promise<boolean> => {
    const trusted = toTrustedExternalUrl(url)
    const local = trusted ? null : toTrustedExternalUrl(url, DOCUMENT_LINKS)
    if (!trusted && !(local && (await confirmLocalLink(dialog, mainWindow, local)))) return false
    await shell.openExternal(trusted ?? local ?? '')
    return true
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
      const hideToTray = !quitting && desktop.prefs.closeToTray && tray
      if (!hideToTray && !flushedForClose && !lastBackup.asked) {
        // The page goes away for good: let it save pending edits (and back up) first, 3 s at most.
        event.preventDefault()
        flushedForClose = true
        void lastBackup.take()?.then(() => win.close())
        return
      }
      // Closing keeps Steady in the tray (unless turned off), so reminders still fire.
      if (hideToTray) {
        event.preventDefault()
        win.hide()
        if (!desktop.prefs.trayHintShown) {
          desktop.prefs.trayHintShown = true
          void desktop.save()
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

  const desktop = new Desktop({
    file: userData('desktop-preferences.json'),
    shortcuts: globalShortcut,
    setOpenAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    onQuickCapture: trayActions.newIncident,
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
    serveApp(
      {
        handle: (scheme, handler) => protocol.handle(scheme, handler),
        fetch: (url) => net.fetch(url),
      },
      rendererDir,
      CONTENT_SECURITY_POLICY,
    )
    await desktop.load()
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
    registerBackupIpc(handle, backups, {
      onQuitBackupWritten: () => lastBackup.written(),
      revealFolder: () => shell.openPath(backupDir()),
    })
    backups.start()
    registerDesktopIpc(handle, desktop)

    tray = new Tray(path.join(import.meta.dirname, '../../resources/tray-32.png'))
    tray.on('click', () => void showWindow())
    refreshTray()
    powerMonitor.on('resume', () => void scheduler.resume())
    await scheduler.start()
    await openMainWindow()
    app.on('activate', () => void showWindow())
  })

  app.on('before-quit', (event) => {
    quitting = true
    // One last backup before going: ask the page, wait for its answer (3 s at most), then quit.
    if (lastBackup.asked || !mainWindow) return
    event.preventDefault()
    void lastBackup.take()?.then(() => app.quit())
  })
  app.on('will-quit', () => {
    globalShortcut.unregisterAll()
    scheduler.stop()
    backups.stop()
  })
  app.on('window-all-closed', () => {
    // Kept in the tray (the default), Steady runs on for its reminders; Quit is in the tray menu.
    // With that turned off, closing the last window quits, as elsewhere.
    if (process.platform !== 'darwin' && !(desktop.prefs.closeToTray && tray)) app.quit()
  })
}
