/**
 * The main window's life: created when needed (at start, or from the tray when only the tray was
 * left), its size and place remembered, and closing it — into the tray, or for good after the
 * page has saved and backed up.
 */
import type { Dialog } from 'electron'

/** A BrowserWindow, as far as this uses one. */
interface Win {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  on(event: 'resize' | 'move' | 'closed', listener: () => void): unknown
  close(): void
  hide(): void
  show(): void
  focus(): void
  isMinimized(): boolean
  restore(): void
  loadURL(url: string): Promise<void>
  webContents: {
    isLoading(): boolean
    once(event: 'did-finish-load', listener: () => void): unknown
    on(
      event: 'render-process-gone',
      listener: (event: unknown, details: { reason: string }) => void,
    ): unknown
    reload(): void
  }
}

/** More page crashes than this within a minute stop the automatic reloads: the user is asked. */
export const RELOADS_PER_MINUTE = 2

export interface WindowControllerDeps<W extends Win> {
  /** A new window with the secure options, at its remembered place. */
  create(): Promise<W>
  url: string
  /** Remembers its size and place. */
  saveState(win: W): Promise<void>
  /** Closing keeps Steady in the tray (the user's choice, when there is a tray). */
  keepsInTray(): boolean
  /** Told each time the window goes into the tray. */
  hiddenToTray(): void
  /** The page's last save and backup before it goes away; null when already asked. */
  lastBackup: { readonly asked: boolean; take(): Promise<void> | null }
  /**
   * The page crashed again and again: say so (what was saved is safe) and ask whether to reload
   * or quit.
   */
  askAfterCrashes(reason: string): Promise<'reload' | 'quit'>
  quit(): void
  now(): number
  setTimer(fn: () => void, ms: number): unknown
  clearTimer(timer: unknown): void
}

export class WindowController<W extends Win> {
  private win: W | null = null
  /** Set when the app is quitting: the window then closes for good, not into the tray. */
  quitting = false

  constructor(private readonly deps: WindowControllerDeps<W>) {}

  get current(): W | null {
    return this.win
  }

  /** Shows the window (creating it if the tray was all that was left), then runs `then`. */
  async show(then?: (win: W) => void): Promise<void> {
    if (!this.win) await this.open()
    const win = this.win
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
    if (!then) return
    // A window created just now has to load its page first.
    if (win.webContents.isLoading()) win.webContents.once('did-finish-load', () => then(win))
    else then(win)
  }

  async open(): Promise<void> {
    const { deps } = this
    const win = await deps.create()
    this.win = win
    let saveTimer: unknown
    const rememberSoon = (): void => {
      deps.clearTimer(saveTimer)
      saveTimer = deps.setTimer(() => void deps.saveState(win), 500)
    }
    win.on('resize', rememberSoon)
    win.on('move', rememberSoon)
    let flushedForClose = false
    win.on('close', (event) => {
      deps.clearTimer(saveTimer)
      void deps.saveState(win)
      const intoTray = !this.quitting && deps.keepsInTray()
      if (intoTray) {
        event.preventDefault()
        win.hide()
        deps.hiddenToTray()
        return
      }
      if (!flushedForClose && !deps.lastBackup.asked) {
        // The page goes away for good: let it save pending edits (and back up) first.
        event.preventDefault()
        flushedForClose = true
        void deps.lastBackup.take()?.then(() => win.close())
      }
    })
    win.on('closed', () => {
      this.win = null
    })
    // A crashed page comes back by itself (what was saved is in the database); one that keeps
    // crashing is explained instead of reloaded in a loop.
    let crashes: number[] = []
    win.webContents.on('render-process-gone', (_event, { reason }) => {
      if (reason === 'clean-exit') return
      const now = deps.now()
      crashes = [...crashes.filter((t) => now - t < 60_000), now]
      if (crashes.length <= RELOADS_PER_MINUTE) return win.webContents.reload()
      void deps.askAfterCrashes(reason).then((choice) => {
        if (choice === 'quit') return deps.quit()
        crashes = []
        win.webContents.reload()
      })
    })
    await win.loadURL(deps.url)
  }
}

/** The question after repeated crashes, as a native dialog. */
export async function crashQuestion(
  dialog: Pick<Dialog, 'showMessageBox'>,
  reason: string,
): Promise<'reload' | 'quit'> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'Steady’s window keeps stopping',
    message: `The window stopped working ${RELOADS_PER_MINUTE + 1} times in a minute.`,
    detail: `Everything that was saved is safe. Reload to go on, or quit and start Steady again. (${reason})`,
    buttons: ['Reload', 'Quit Steady'],
    defaultId: 0,
    cancelId: 0,
  })
  return response === 1 ? 'quit' : 'reload'
}
