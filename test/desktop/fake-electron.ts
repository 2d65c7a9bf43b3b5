/**
 * A small recording fake of the `electron` module: just what Steady's main process and preload
 * use, enough to boot the built bundles under Node (the Electron binary cannot be downloaded on
 * these machines). Each object records what was asked of it, so the boot test can check the
 * wiring: handlers registered, windows created, notifications shown, messages sent to the page.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import path from 'node:path'

type Listener = (...args: never[]) => unknown

class Emitter extends EventEmitter {
  /** Emits like Electron: an event object with preventDefault, then the arguments. */
  fire(name: string, ...args: unknown[]) {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) }
    this.emit(name, event, ...args)
    return event
  }
}

export const calls: string[] = []
const userData = mkdtempSync(path.join(tmpdir(), 'steady-desktop-'))

let readyResolve: () => void = () => undefined
const readyPromise = new Promise<void>((resolve) => (readyResolve = resolve))

class FakeApp extends Emitter {
  isPackaged = true
  quitCalls = 0
  lock = true
  loginItem: unknown = null
  getPath = (name: string) => (name === 'userData' ? userData : path.join(userData, name))
  getName = () => 'Steady'
  getVersion = () => '0.0.0-test'
  whenReady = () => readyPromise
  ready = () => readyResolve()
  requestSingleInstanceLock = () => this.lock
  setAppUserModelId = () => undefined
  setLoginItemSettings = (settings: unknown) => (this.loginItem = settings)
  badge = 0
  setBadgeCount = (count: number) => ((this.badge = count), true)
  quit = () => {
    this.quitCalls++
    calls.push('app.quit')
    // Electron asks before quitting; a handler may postpone it.
    const event = this.fire('before-quit')
    if (!event.defaultPrevented) this.fire('will-quit')
  }
}
export const app = new FakeApp()

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    calls.push(`protocol.registerSchemesAsPrivileged (ready: ${readyDone})`)
    this.privileged.push(...schemes)
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler)
  },
}
let readyDone = false
void readyPromise.then(() => (readyDone = true))

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    this.handlers.set(channel, handler)
  },
}

class WebContents extends Emitter {
  sent: unknown[][] = []
  url = ''
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args])
    page.emit(channel, {}, ...args)
  }
  isLoading = () => false
  printToPDF = async (options: unknown) => {
    calls.push(`printToPDF ${JSON.stringify(options)}`)
    return new TextEncoder().encode('%PDF-fake')
  }
  reloads = 0
  reload() {
    this.reloads++
  }
}

export class BrowserWindow extends Emitter {
  static all: BrowserWindow[] = []
  webContents = new WebContents()
  visible = false
  focused = false
  destroyed = false
  constructor(readonly options: Record<string, unknown>) {
    super()
    BrowserWindow.all.push(this)
  }
  async loadURL(url: string) {
    this.webContents.url = url
    this.fire('ready-to-show')
  }
  show() {
    this.visible = true
  }
  hide() {
    this.visible = false
  }
  focus() {
    this.focused = true
  }
  isMinimized = () => false
  isMaximized = () => false
  restore() {}
  maximize() {}
  getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 })
  getBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 })
  isDestroyed = () => this.destroyed
  close() {
    const event = this.fire('close')
    if (event.defaultPrevented) return
    this.destroyed = true
    this.emit('closed')
    BrowserWindow.all = BrowserWindow.all.filter((w) => w !== this)
    if (!BrowserWindow.all.length) app.fire('window-all-closed')
  }
}

export class Notification extends Emitter {
  static shown: Notification[] = []
  static isSupported = () => true
  constructor(readonly options: { title: string; body: string }) {
    super()
  }
  show() {
    Notification.shown.push(this)
  }
  click() {
    this.emit('click')
  }
}

export class Tray extends Emitter {
  static last: Tray | null = null
  menu: { items: { label?: string; click?: () => void }[] } | null = null
  constructor(readonly icon: string) {
    super()
    Tray.last = this
  }
  toolTip = ''
  setToolTip(text: string) {
    this.toolTip = text
  }
  setContextMenu(menu: { items: { label?: string; click?: () => void }[] }) {
    this.menu = menu
  }
}

export const Menu = {
  buildFromTemplate: (items: { label?: string; click?: () => void }[]) => ({ items }),
}

export const globalShortcut = {
  registered: new Map<string, () => void>(),
  register(accelerator: string, callback: () => void) {
    this.registered.set(accelerator, callback)
    return true
  },
  unregister(accelerator: string) {
    this.registered.delete(accelerator)
  },
  unregisterAll() {
    this.registered.clear()
  },
}

export const dialog = {
  nextPath: undefined as string | undefined,
  showSaveDialog: async () => ({ canceled: !dialog.nextPath, filePath: dialog.nextPath }),
  showOpenDialog: async () => ({
    canceled: !dialog.nextPath,
    filePaths: dialog.nextPath ? [dialog.nextPath] : [],
  }),
  asked: [] as { title?: string }[],
  /** Records the question; answers 2, which is neither Open (links) nor Quit (crashes). */
  showMessageBox: async (...args: unknown[]) => {
    dialog.asked.push(args.at(-1) as { title?: string })
    return { response: 2 }
  },
}

export const shell = {
  opened: [] as string[],
  openExternal: async (url: string) => void shell.opened.push(url),
  openPath: async (p: string) => {
    shell.opened.push(p)
    return ''
  },
}

/** An OS keyring that reversibly scrambles (so a test can see nothing is kept in plain text). */
export const safeStorage = {
  available: true,
  isEncryptionAvailable: () => safeStorage.available,
  encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
  decryptString: (sealed: Buffer) => {
    const text = sealed.toString()
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext')
    return Buffer.from(text.slice('sealed:'.length), 'base64').toString()
  },
}
export const powerMonitor = new Emitter()
export const nativeTheme = { shouldUseDarkColors: false }
export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
}
/** Electron's net.fetch reads file:// URLs (Node's fetch does not): what the protocol serves. */
export const net = {
  fetch: async (url: string) => {
    if (!url.startsWith('file:')) return fetch(url)
    try {
      return new Response(await readFile(fileURLToPath(url)), { status: 200 })
    } catch {
      return new Response('', { status: 404 })
    }
  },
}

export const session = {
  defaultSession: {
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    setPermissionRequestHandler(handler: Listener) {
      this.permissionRequest = handler
    },
    setPermissionCheckHandler(handler: Listener) {
      this.permissionCheck = handler
    },
  },
}

/** The page's side of IPC: what the preload subscribes to, and its invoke (from a given origin). */
const page = new Emitter()
export let pageOrigin = 'app://steady/index.html'
export const setPageOrigin = (url: string) => (pageOrigin = url)

export const ipcRenderer = {
  on: (channel: string, listener: Listener) =>
    page.on(channel, listener as (...args: unknown[]) => void),
  removeListener: (channel: string, listener: Listener) =>
    page.off(channel, listener as (...args: unknown[]) => void),
  invoke: async (channel: string, ...args: unknown[]) => {
    const handler = ipcMain.handlers.get(channel)
    if (!handler) throw new Error(`No handler for ${channel}`)
    return handler({ senderFrame: { url: pageOrigin } }, ...args)
  },
}

export const exposed = new Map<string, unknown>()
export const contextBridge = {
  exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api),
}

export default {
  app,
  protocol,
  ipcMain,
  BrowserWindow,
  Notification,
  Tray,
  Menu,
  globalShortcut,
  dialog,
  shell,
  powerMonitor,
  safeStorage,
  nativeTheme,
  screen,
  net,
  session,
  ipcRenderer,
  contextBridge,
}
