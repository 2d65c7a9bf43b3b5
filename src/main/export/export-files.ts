/**
 * Saving Markdown exports where the user chooses. The dialogs come in as arguments (Electron's in
 * the app, fakes in tests); every file is written atomically, so a failed export never leaves a
 * half-written post-mortem over a good one.
 */
import path from 'node:path'
import type { MarkdownFile, SaveResult } from '../../shared/ipc-contract'
import { writeFileAtomic } from '../storage/atomic-write'

export interface ExportDialogs {
  /** Resolves to the chosen path, or undefined when the user cancels. */
  chooseFile(defaultName: string, kind: 'markdown' | 'json'): Promise<string | undefined>
  chooseFolder(): Promise<string | undefined>
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
    : `${target}.${kind === 'json' ? 'json' : 'md'}`
  await writeFileAtomic(withExtension, file.content)
  return { saved: true, where: withExtension }
}

export async function saveFolder(
  dialogs: ExportDialogs,
  files: MarkdownFile[],
): Promise<SaveResult> {
  const folder = await dialogs.chooseFolder()
  if (!folder) return { saved: false }
  const used = new Set<string>()
  for (const file of files) {
    // The contract allows plain names only; basename is a second guard against traversal.
    const name = uniqueName(path.basename(file.fileName), used)
    await writeFileAtomic(path.join(folder, name), file.content)
  }
  return { saved: true, where: folder }
}

/** Two incidents with the same date and title must not overwrite each other. */
function uniqueName(name: string, used: Set<string>): string {
  const ext = path.extname(name)
  const stem = name.slice(0, name.length - ext.length)
  let candidate = name
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`
  used.add(candidate.toLowerCase())
  return candidate
}
