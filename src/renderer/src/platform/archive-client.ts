/**
 * A browser's .zip of many files, made in a worker (archive.worker.ts): the page sends each file
 * as it is made and receives the archive, a Blob, at the end.
 */
import type { FromArchive, ToArchive } from './archive-protocol'
import type { FolderWriter } from './platform'

export function workerArchive(
  fileNames: readonly string[],
  where: string,
  done: (archive: Blob) => void,
): FolderWriter {
  const worker = new Worker(new URL('./archive.worker.ts', import.meta.url), {
    type: 'module',
    name: 'archive',
  })
  const post = (message: ToArchive) => worker.postMessage(message)
  let failure: Error | null = null
  let finish: (archive: Blob) => void = () => undefined
  let fail: (error: Error) => void = () => undefined
  const archived = new Promise<Blob>((resolve, reject) => {
    finish = resolve
    fail = reject
  })
  archived.catch(() => undefined)
  const failed = (message: string) => {
    failure = new Error(message)
    fail(failure)
  }
  worker.onmessage = ({ data }: MessageEvent<FromArchive>) =>
    data.type === 'done' ? finish(data.archive) : failed(data.message)
  worker.onerror = (event) => failed(event.message || 'The archive could not be made.')
  post({ type: 'start', fileNames: [...fileNames], where })
  return {
    where,
    write: async (index, content) => {
      if (failure) throw failure
      post({ type: 'file', index, content })
    },
    close: async () => {
      try {
        if (failure) throw failure
        post({ type: 'end' })
        done(await archived)
      } finally {
        worker.terminate()
      }
    },
  }
}
