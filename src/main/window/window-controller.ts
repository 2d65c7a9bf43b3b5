/**
 * The main window's life: created when needed (at start, or from the tray when only the tray was
 * left), its size and place remembered, and closing it — into the tray, or for good after the
 * page has saved and backed up.
 */
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
  }
}

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
    await win.loadURL(deps.url)
  }
}
