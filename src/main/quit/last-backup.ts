/**
 * The last backup before the page goes away (the window closing for good, or the app quitting):
 * asked for once, waited for until the page answers or `timeoutMs` passes, never twice.
 */
export interface LastBackupDeps {
  /** Asks the page for its snapshot ('backup:request', 'quit'). */
  request(): void
  setTimer(fn: () => void, ms: number): unknown
}

export class LastBackup {
  private taken = false
  private done: (() => void) | null = null

  constructor(
    private readonly deps: LastBackupDeps,
    private readonly timeoutMs = 3000,
  ) {}

  /** True once asked: the window and the app then close without asking again. */
  get asked(): boolean {
    return this.taken
  }

  /** Asks once; resolves when the page has written it, or after the timeout. Null if asked before. */
  take(): Promise<void> | null {
    if (this.taken) return null
    this.taken = true
    const finished = new Promise<void>((resolve) => {
      this.done = resolve
      this.deps.setTimer(resolve, this.timeoutMs)
    })
    this.deps.request()
    return finished
  }

  /** The page's quit backup has been written. */
  written(): void {
    this.done?.()
  }
}
