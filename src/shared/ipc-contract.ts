/**
 * The one contract between the renderer and the main process: every channel, its argument and
 * result types, and the zod schemas the main process validates payloads with. Main registers its
 * handlers through `handle()` (src/main/ipc), the preload builds one named function per channel.
 */
import { z } from 'zod'

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** The folder where the user's data lives (the desktop app's user-data folder). */
  dataPath: z.string(),
  electron: z.string().optional(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const externalUrlSchema = z.string().max(2048)

/** A file name only: no folders, no traversal, no characters Windows refuses. */
export const fileNameSchema = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
  .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'a plain file name')
  .refine((name) => name !== '.' && name !== '..', 'a plain file name')

export const markdownFileSchema = z.object({
  fileName: fileNameSchema,
  content: z.string().max(10_000_000),
})
export type MarkdownFile = z.infer<typeof markdownFileSchema>

export const saveResultSchema = z.object({ saved: z.boolean(), where: z.string().optional() })
export type SaveResult = z.infer<typeof saveResultSchema>

/** Channel name → schema of its arguments (a tuple) and of its result. */
export const ipcContract = {
  'app:get-info': { args: z.tuple([]), result: appInfoSchema },
  'shell:open-external': { args: z.tuple([externalUrlSchema]), result: z.boolean() },
  'export:save-markdown': { args: z.tuple([markdownFileSchema]), result: saveResultSchema },
  'export:save-folder': {
    args: z.tuple([z.array(markdownFileSchema).min(1).max(10_000)]),
    result: saveResultSchema,
  },
} as const

export type IpcChannel = keyof typeof ipcContract
export type IpcArgs<C extends IpcChannel> = z.infer<(typeof ipcContract)[C]['args']>
export type IpcResult<C extends IpcChannel> = z.infer<(typeof ipcContract)[C]['result']>

/** What the preload exposes as `window.steady`: one named function per capability. */
export interface SteadyApi {
  app: {
    getInfo(): Promise<AppInfo>
  }
  shell: {
    /** Opens an http(s) or mailto link in the system browser; false when the link was refused. */
    openExternal(url: string): Promise<boolean>
  }
  export: {
    /** Asks where to save (a save dialog), then writes the file atomically. */
    saveMarkdown(file: MarkdownFile): Promise<SaveResult>
    /** Asks for a folder, then writes every file into it atomically. */
    saveFolder(files: MarkdownFile[]): Promise<SaveResult>
  }
}
