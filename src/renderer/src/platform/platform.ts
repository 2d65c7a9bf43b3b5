import type { AppInfo, MarkdownFile, SaveResult } from '@shared/ipc-contract'

/**
 * What the renderer needs from the operating system. Two adapters implement it side by side:
 * `electron.ts` over `window.steady`, and `web.ts` with browser fallbacks. The app picks one at start
 * (platform/index.ts) and nothing else ever checks which one it has.
 */
export interface Platform {
  /** 'desktop' in the Electron app, 'web' in a browser. For display only. */
  readonly kind: 'desktop' | 'web'
  getAppInfo(): Promise<AppInfo>
  /** Opens an allowlisted link outside the app; false when it was refused. */
  openExternal(url: string): Promise<boolean>
  /** Desktop: a save dialog and an atomic write. Web: a download. */
  saveMarkdown(file: MarkdownFile): Promise<SaveResult>
  /** Desktop: a folder picker. Web: one download per file. */
  saveFolder(files: MarkdownFile[]): Promise<SaveResult>
}
