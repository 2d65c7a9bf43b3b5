/**
 * Electron entry point: wires the services of each feature folder to Electron's real objects.
 * The services hold the logic and have their own tests; this wiring is proven by booting the built
 * bundle against a recording fake of Electron (test/desktop/boot.test.ts).
 */
import { mkdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {
  type WebContents,
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
  safeStorage,
  screen,
  session,
  shell,
} from 'electron'
import { ReminderScheduler } from '../shared/reminders/scheduler'
import { registerAppInfoIpc } from './app-info/ipc'
import { BackupService } from './backups/backup-service'
import { registerBackupIpc } from './backups/ipc'
import { Desktop, registerDesktopIpc } from './desktop/desktop'
import { chooseRepository, registerGitIpc } from './git/ipc'
import { Repositories, runGit } from './git/repositories'
import { registerExportIpc } from './export/ipc'
import { createAppHandle } from './ipc'
import { sendToPage } from './ipc/send'
import { LastBackup } from './quit/last-backup'
import { registerQuit } from './quit/quit'
import { realTimers } from './clock/timers'
import { registerReminderIpc } from './reminders/ipc'
import { createNotifier } from './reminders/notify'
import { fileStore } from './reminders/store'
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, serveApp } from './security/app-protocol'
import { CONTENT_SECURITY_POLICY } from './security/csp'
import { externalOpener } from './security/external-links'
import { denyAllPermissions, isAppUrl } from './security/harden'
import { startSyncServer } from './sync/sync-server'
import { Team, ipv4Addresses, registerTeamIpc } from './team/team'
import { createTray, registerTrayIpc, type TrayActions } from './tray/tray'
import { mainWindows } from './window/main-window'
import { WindowController, crashQuestion } from './window/window-controller'

// In development electron-vite serves the renderer over http; packaged builds never set this.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const here = (relative: string) => path.join(import.meta.dirname, relative)

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
if (process.platform === 'win32') app.setAppUserModelId('dev.steady.app')

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const userData = (name: string) => path.join(app.getPath('userData'), name)
  const page = () => windows.current?.webContents
  /** The page's last backup, asked for once: when the window closes for good, or at quit. */
  const lastBackup = new LastBackup({
    request: () => sendToPage(page(), 'backup:request', 'quit'),
    ...realTimers,
  })
  let tray: ReturnType<typeof createTray> | null = null
  const keepsInTray = () => desktop.prefs.closeToTray && tray !== null
  const openExternal = externalOpener(dialog, shell, () => windows.current)

  const windows = new WindowController({
    ...mainWindows({
      BrowserWindow,
      screen,
      nativeTheme,
      stateFile: userData('window-state.json'),
      preloadPath: here('../preload/index.cjs'),
      iconPath: here('../../resources/icon.png'),
      openExternal,
      devServerUrl,
    }),
    url: devServerUrl ?? APP_ENTRY_URL,
    keepsInTray,
    hiddenToTray: () => desktop.trayHintOnce((notice) => new Notification(notice).show()),
    lastBackup,
    askAfterCrashes: (reason) => crashQuestion(dialog, reason),
    quit: () => app.quit(),
    ...realTimers,
  })
  /** Shows the window, then tells its page something. */
  const showThen = (tell: (page: WebContents) => void) => () =>
    void windows.show((win) => tell(win.webContents))
  const actions: TrayActions = {
    newIncident: showThen((p) => sendToPage(p, 'app:new-incident')),
    openIncident: (id) => showThen((p) => sendToPage(p, 'app:open-incident', id))(),
    openReminders: showThen((p) => sendToPage(p, 'app:open-reminders')),
    show: () => void windows.show(),
    quit: () => app.quit(),
  }
  app.on('second-instance', actions.show)

  const desktop = new Desktop({
    file: userData('desktop-preferences.json'),
    shortcuts: globalShortcut,
    setOpenAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    onQuickCapture: actions.newIncident,
  })
  const scheduler = new ReminderScheduler({
    ...realTimers,
    notify: createNotifier(Notification, actions),
    fired: (due) => sendToPage(page(), 'reminders:fired', due),
    ...fileStore(userData('reminders.json')),
  })
  const team = new Team({
    dir: app.getPath('userData'),
    safeStorage,
    addresses: () => ipv4Addresses(os.networkInterfaces()),
    startServer: startSyncServer,
    log: (line) => console.log(`[sync server] ${line}`),
  })
  let exports: ReturnType<typeof registerExportIpc> | undefined
  const backupDir = userData('backups')
  const backups = new BackupService({
    dir: backupDir,
    ...realTimers,
    requestSnapshot: () => sendToPage(page(), 'backup:request', 'scheduled'),
  })

  void app.whenReady().then(async () => {
    await mkdir(backupDir, { recursive: true })
    denyAllPermissions(session.defaultSession)
    serveApp(protocol, net, here('../renderer'), CONTENT_SECURITY_POLICY)
    await desktop.load()
    tray = createTray({ Tray, Menu, app, icon: here('../../resources/tray-32.png'), actions })
    const handle = createAppHandle((url) => isAppUrl(url, devServerUrl))
    registerAppInfoIpc(handle, app, openExternal)
    exports = registerExportIpc(handle, dialog, () => windows.current)
    registerReminderIpc(handle, scheduler)
    registerTrayIpc(handle, tray)
    registerBackupIpc(handle, backups, {
      onQuitBackupWritten: () => lastBackup.written(),
      revealFolder: () => shell.openPath(backupDir),
    })
    registerDesktopIpc(handle, desktop)
    registerTeamIpc(handle, team)
    await team.resume()
    registerGitIpc(
      handle,
      new Repositories({
        file: userData('repositories.json'),
        run: runGit,
        chooseFolder: chooseRepository(dialog),
      }),
    )
    backups.start()
    powerMonitor.on('resume', () => void scheduler.resume())
    await scheduler.start()
    await windows.open()
    app.on('activate', actions.show)
  })

  registerQuit(app, {
    lastBackup,
    windows,
    keepsInTray,
    services: [desktop, scheduler, backups, team, { stop: () => exports?.stop() }],
  })
}
