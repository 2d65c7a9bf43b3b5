/**
 * Saving Markdown exports where the user chooses. The dialogs come in as arguments (Electron's in
 * the app, fakes in tests); every file is written atomically, so a failed export never leaves a
 * half-written post-mortem over a good one.
 */
import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { MarkdownFile, SaveResult } from '../../shared/ipc-contract'
import { uniqueName } from '../../shared/unique-name'
import { writeFileAtomic } from '../storage/atomic-write'
import { PendingFiles } from '../storage/pending-files'

export interface ExportDialogs {
  /** Resolves to the chosen path, or undefined when the user cancels. */
  chooseFile(
    defaultName: string,
    kind: 'markdown' | 'json' | 'csv' | 'svg' | 'pdf',
  ): Promise<string | undefined>
  chooseFolder(): Promise<string | undefined>
  /** Some files already exist in the chosen folder: replace them, keep both, or stop. */
  confirmReplace(names: string[]): Promise<'replace' | 'keep-both' | 'cancel'>
}

export async function saveMarkdown(
  dialogs: ExportDialogs,
  file: MarkdownFile,
): Promise<SaveResult> {
  const kind = file.kind ?? 'markdown'
  const target = await dialogs.chooseFile(file.fileName, kind)
  if (!target) return { saved: false }
  const withExtension = path.extname(target)
    ? target
    : `${target}.${kind === 'markdown' ? 'md' : kind}`
  await writeFileAtomic(withExtension, file.content)
  return { saved: true, where: withExtension }
}

/** Asks where, then prints the page to a PDF there (atomically); nothing is printed if cancelled. */
export async function savePdf(
  dialogs: ExportDialogs,
  fileName: string,
  print: () => Promise<Uint8Array>,
): Promise<SaveResult> {
  const target = await dialogs.chooseFile(path.basename(fileName), 'pdf')
  if (!target) return { saved: false }
  const withExtension = path.extname(target) ? target : `${target}.pdf`
  await writeFileAtomic(withExtension, await print())
  return { saved: true, where: withExtension }
}

/** Files of everything, written in pieces as the page sends them (see PendingFiles). */
export class StreamedExports {
  private readonly files = new PendingFiles()

  constructor(private readonly dialogs: ExportDialogs) {}

  /** Asks where to save; answers the token the pieces are sent with, or null when cancelled. */
  async begin(fileName: string, kind: 'json' | 'json.gz'): Promise<string | null> {
    const target = await this.dialogs.chooseFile(fileName, 'json')
    if (!target) return null
    const ending = kind === 'json.gz' ? '.json.gz' : '.json'
    return this.files.begin(
      target.endsWith(ending) ? target : `${target.replace(/\.json$/, '')}${ending}`,
    )
  }

  /**
   * Asks for a folder for files sent in pieces (CSV files of any size), named as `saveFolder`
   * names them; answers the folder and a token per file, in order, or null when cancelled.
   */
  async beginFolder(names: string[]): Promise<{ where: string; tokens: string[] } | null> {
    const planned = await folderPlan(this.dialogs, names)
    if (!planned) return null
    const tokens: string[] = []
    try {
      for (const name of planned.names)
        tokens.push(await this.files.begin(path.join(planned.folder, name)))
    } catch (error) {
      await Promise.all(tokens.map((token) => this.files.abort(token)))
      throw error
    }
    return { where: planned.folder, tokens }
  }

  async append(token: string, bytes: Uint8Array): Promise<null> {
    await this.files.append(token, bytes)
    return null
  }

  /** Puts the complete file in place, or drops it (the page failed or cancelled halfway). */
  async finish(token: string, commit: boolean): Promise<SaveResult> {
    if (!commit) {
      await this.files.abort(token)
      return { saved: false }
    }
    const { path: where } = await this.files.commit(token)
    return { saved: true, where }
  }

  stop(): void {
    void this.files.abortAll()
  }
}

/**
 * Folders of many files written one at a time (every post-mortem: tens of thousands at years of
 * history, never all in memory, never one huge IPC message). The names are planned when the
 * folder is chosen, as `saveFolder` plans them (one question about files already there); the page
 * then sends each file's content by its place in that list, and each is written atomically.
 */
export class FolderSessions {
  private readonly open = new Map<string, { folder: string; names: string[] }>()

  constructor(private readonly dialogs: ExportDialogs) {}

  /** Asks for the folder; answers it and the token the files are sent with, or null. */
  async begin(names: string[]): Promise<{ where: string; token: string } | null> {
    if (this.open.size >= MAX_FOLDERS) throw new Error('Too many folder exports at once.')
    const planned = await folderPlan(this.dialogs, names)
    if (!planned) return null
    const token = randomBytes(16).toString('hex')
    this.open.set(token, planned)
    return { where: planned.folder, token }
  }

  /** Writes the `index`th file of the list the folder was begun with. */
  async write(token: string, index: number, content: string): Promise<null> {
    const session = this.open.get(token)
    const name = session?.names[index]
    if (!session || name === undefined) throw new Error('This folder is no longer being written.')
    await writeFileAtomic(path.join(session.folder, name), content)
    return null
  }

  /** The export is over (finished or stopped): its token no longer writes. */
  end(token: string): null {
    this.open.delete(token)
    return null
  }
}

/** Folder exports open at once: a page cannot pile up sessions. */
const MAX_FOLDERS = 4

export async function saveFolder(
  dialogs: ExportDialogs,
  files: MarkdownFile[],
): Promise<SaveResult> {
  const planned = await folderPlan(
    dialogs,
    files.map((file) => file.fileName),
  )
  if (!planned) return { saved: false }
  for (const [i, file] of files.entries())
    await writeFileAtomic(path.join(planned.folder, planned.names[i] as string), file.content)
  return { saved: true, where: planned.folder }
}

/**
 * Asks for a folder and where in it each of `names` goes: namesakes among them numbered, a file
 * already there replaced or kept beside (the user says which). Null when the user cancels.
 */
async function folderPlan(
  dialogs: ExportDialogs,
  names: string[],
): Promise<{ folder: string; names: string[] } | null> {
  const folder = await dialogs.chooseFolder()
  if (!folder) return null
  const used = new Set<string>()
  // The contract allows Steady's export names only; basename is a second guard against traversal.
  const planned = names.map((name) => uniqueName(path.basename(name), used))
  const present = new Set((await readdir(folder)).map((n) => n.toLowerCase()))
  const clashes = planned.filter((name) => present.has(name.toLowerCase()))
  if (clashes.length) {
    const choice = await dialogs.confirmReplace(clashes)
    if (choice === 'cancel') return null
    if (choice === 'keep-both') {
      const taken = new Set([...present, ...planned.map((name) => name.toLowerCase())])
      return {
        folder,
        names: planned.map((name) =>
          present.has(name.toLowerCase()) ? uniqueName(name, taken) : name,
        ),
      }
    }
  }
  return { folder, names: planned }
}
