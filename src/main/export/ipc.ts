import type { BrowserWindow, Dialog } from 'electron'
import type { Handle } from '../ipc/handle'
import {
  FolderSessions,
  StreamedExports,
  saveFolder,
  saveMarkdown,
  savePdf,
  type ExportDialogs,
} from './export-files'

/** Electron's dialogs, attached to the app's window. */
export function electronDialogs(dialog: Dialog, window: () => BrowserWindow | null): ExportDialogs {
  return {
    chooseFile: async (defaultName, kind) => {
      const win = window()
      const options = {
        title:
          kind === 'json'
            ? 'Export all data'
            : kind === 'csv'
              ? 'Export as CSV'
              : 'Export post-mortem',
        defaultPath: defaultName,
        filters: [
          kind === 'json'
            ? { name: 'Steady export', extensions: ['json', 'gz'] }
            : kind === 'pdf'
              ? { name: 'PDF', extensions: ['pdf'] }
              : kind === 'csv'
                ? { name: 'CSV (spreadsheet)', extensions: ['csv'] }
                : kind === 'svg'
                  ? { name: 'SVG image', extensions: ['svg'] }
                  : { name: 'Markdown', extensions: ['md'] },
        ],
      }
      const result = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options)
      return result.canceled ? undefined : result.filePath
    },
    chooseFolder: async () => {
      const win = window()
      const options = {
        title: 'Choose a folder to export to',
        properties: ['openDirectory', 'createDirectory'] as Array<
          'openDirectory' | 'createDirectory'
        >,
      }
      const result = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? undefined : result.filePaths[0]
    },
    confirmReplace: async (names) => {
      const win = window()
      const options = {
        type: 'question' as const,
        title: 'Files already exist',
        message:
          names.length === 1
            ? `${names[0]} already exists in this folder.`
            : `${names.length} of these files already exist in this folder.`,
        detail: names.slice(0, 10).join('\n') + (names.length > 10 ? '\n…' : ''),
        buttons: ['Keep both', 'Replace', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
      }
      const { response } = win
        ? await dialog.showMessageBox(win, options)
        : await dialog.showMessageBox(options)
      return (['keep-both', 'replace', 'cancel'] as const)[response] ?? 'cancel'
    },
  }
}

/** The page, printed with its print stylesheet (A4, the margins of a document). */
export function pagePrinter(
  window: () => Pick<BrowserWindow, 'webContents'> | null,
): () => Promise<Uint8Array> {
  return async () => {
    const win = window()
    if (!win) throw new Error('There is no window to print.')
    return win.webContents.printToPDF({ pageSize: 'A4', printBackground: false })
  }
}

/** The export channels, with Electron's dialogs and printing attached to the app's window. */
export function registerExportIpc(
  handle: Handle,
  dialog: Dialog,
  window: () => BrowserWindow | null,
): StreamedExports {
  const dialogs = electronDialogs(dialog, window)
  const print = pagePrinter(window)
  const streamed = new StreamedExports(dialogs)
  handle('export:save-markdown', (file) => saveMarkdown(dialogs, file))
  handle('export:save-folder', (files) => saveFolder(dialogs, files))
  handle('export:save-pdf', (fileName) => savePdf(dialogs, fileName, print))
  handle('export:begin', ({ fileName, kind }) => streamed.begin(fileName, kind))
  const folders = new FolderSessions(dialogs)
  handle('export:open-folder', (names) => folders.begin(names))
  handle('export:folder-file', (token, index, content) => folders.write(token, index, content))
  handle('export:close-folder', (token) => folders.end(token))
  handle('export:begin-folder', (names) => streamed.beginFolder(names))
  handle('export:append', (token, bytes) => streamed.append(token, bytes))
  handle('export:finish', (token, commit) => streamed.finish(token, commit))
  return streamed
}
