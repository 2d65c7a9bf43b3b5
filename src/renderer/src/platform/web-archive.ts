/**
 * Many files as one .zip download, for a browser: it takes a few downloads at once, not tens of
 * thousands (at 100,000 incidents Chromium saved 2,880 of 96,424 post-mortems sent one by one).
 * Each file is compressed as it comes (fflate, streaming) and kept as a Blob until the archive
 * is complete. It runs in a worker (archive.worker.ts, archive-client.ts), not on the page.
 */
import { uniqueName } from '@shared/unique-name'
import { Zip, ZipDeflate } from 'fflate'
import type { FolderWriter } from './platform'

/** Bytes gathered before they are kept as a Blob. */
const BLOCK = 1024 * 1024

export function archiveWriter(
  fileNames: readonly string[],
  where: string,
  done: (archive: Blob) => void,
): FolderWriter {
  let parts: Blob[] = []
  // Gathered into a Blob a megabyte at a time: a Blob per file's few kilobytes was a request to
  // the browser each, and the archive made of tens of thousands of them held the page 1.8 s.
  let pending: Uint8Array[] = []
  let size = 0
  const keep = () => {
    if (size) parts.push(new Blob(pending as BlobPart[]))
    pending = []
    size = 0
  }
  let failure: Error | null = null
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error
    else {
      pending.push(chunk)
      size += chunk.byteLength
      if (size >= BLOCK || final) keep()
    }
    if (final && !error) done(new Blob(parts, { type: 'application/zip' }))
  })
  const encoder = new TextEncoder()
  const used = new Set<string>()
  return {
    where,
    write: async (index, content) => {
      if (failure) throw failure
      const file = new ZipDeflate(uniqueName(fileNames[index] as string, used), { level: 6 })
      zip.add(file)
      file.push(encoder.encode(content), true)
    },
    close: async () => {
      if (failure) throw failure
      zip.end()
      parts = []
    },
  }
}
