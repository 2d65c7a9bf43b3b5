/**
 * The team's sync server: Hocuspocus (the Yjs WebSocket server by Tiptap's team; 3.x, the last
 * line that runs on Node 20 — 4.x needs Node 22), with its own database extension keeping each
 * document as a file written atomically, so a crash or a restart loses nothing stored. It checks
 * a shared team secret (or per-person tokens) in onAuthenticate, refuses any message over a size
 * limit, and refuses any update that would remove, change or forge a timeline event, or put into
 * the index anything but its maps of ids and names to times: each is tried on a copy of the
 * document first (updateProblem, indexProblem). TLS belongs to a reverse proxy in front.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { Database } from '@hocuspocus/extension-database'
import { Server, type Hocuspocus } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import { DOC_NAME, indexProblem, updateProblem } from '../../shared/sync/incident-doc'
import { writeFileAtomic } from '../storage/atomic-write'

export interface SyncServerOptions {
  /** Where the documents are kept (created if missing). */
  dir: string
  /** The team's shared secret; or `tokens`, one per person (token → name). */
  secret?: string
  tokens?: Readonly<Record<string, string>>
  /** 0 picks a free port. */
  port?: number
  /** 127.0.0.1 by default: the LAN only when asked for. */
  address?: string
  /** The largest message accepted, in bytes. */
  maxMessageBytes?: number
  log?: (line: string) => void
}

export interface RunningSyncServer {
  port: number
  url: string
  instance: Hocuspocus
  stop(): Promise<void>
}

export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024

const digest = (value: string) => createHash('sha256').update(value).digest()
/** Compared in constant time, so a wrong guess takes as long as a nearly right one. */
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b))

/** Who a token belongs to, or null when it opens nothing. */
export function whoIs(token: string, options: Pick<SyncServerOptions, 'secret' | 'tokens'>) {
  if (options.secret && same(token, options.secret)) return 'team'
  for (const [known, name] of Object.entries(options.tokens ?? {}))
    if (same(token, known)) return name
  return null
}

/** The Yjs update a Hocuspocus message carries (a sync step 2 or an update), if any. */
export function updateIn(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message)
  decoding.readVarString(decoder) // the document's name
  const type = decoding.readVarUint(decoder)
  if (type !== 0 && type !== 4) return null // Sync and SyncReply carry document changes
  const step = decoding.readVarUint(decoder)
  return step === 1 || step === 2 ? decoding.readVarUint8Array(decoder) : null
}

export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  if (!options.secret && !Object.keys(options.tokens ?? {}).length)
    throw new Error('The sync server needs a team secret (or tokens): it never runs open.')
  const log = options.log ?? (() => undefined)
  await mkdir(options.dir, { recursive: true })
  const file = (name: string) => path.join(options.dir, `${name.replace(':', '-')}.ydoc`)
  const server = new Server(
    {
      name: 'steady-sync',
      quiet: true,
      // Signals are the caller's (the CLI stores and stops; the desktop app quits its own way).
      stopOnSignals: false,
      debounce: 200,
      maxDebounce: 2000,
      extensions: [
        new Database({
          fetch: async ({ documentName }) => {
            try {
              return new Uint8Array(await readFile(file(documentName)))
            } catch {
              return null
            }
          },
          store: ({ documentName, state }) => writeFileAtomic(file(documentName), state),
        }),
      ],
      async onAuthenticate({ token, documentName }) {
        if (!DOC_NAME.test(documentName)) {
          log(`refused: no such document ${JSON.stringify(documentName.slice(0, 80))}`)
          throw new Error('No such document.')
        }
        const who = whoIs(token, options)
        if (!who) {
          log(`refused: a wrong token for ${documentName}`)
          throw new Error('Wrong team secret.')
        }
        return { user: who }
      },
      async beforeHandleMessage({ update: message, document, documentName }) {
        let update: Uint8Array | null
        try {
          update = updateIn(message)
        } catch {
          throw new Error('A message that does not decode.')
        }
        if (!update) return
        const problem = documentName.startsWith('incident:')
          ? updateProblem(document, update, documentName.slice('incident:'.length))
          : indexProblem(document, update)
        if (problem) {
          log(`refused an update to ${documentName}: ${problem}`)
          throw new Error(`Refused: ${problem}.`)
        }
      },
      async connected({ documentName, context }) {
        log(`${(context as { user?: string }).user ?? '?'} joined ${documentName}`)
      },
      async onDisconnect({ documentName, context }) {
        log(`${(context as { user?: string }).user ?? '?'} left ${documentName}`)
      },
    },
    { maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES },
  )
  // Listened here rather than through server.listen(): Hocuspocus 3.4.4 passes the address as
  // `address` (not `host`), so Node listens on every interface; and a taken port never rejects.
  const address = options.address ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject)
    server.httpServer.listen({ host: address, port: options.port ?? 1234 }, () => {
      server.httpServer.off('error', reject)
      resolve()
    })
  })
  const instance = server.hocuspocus
  const port = server.address.port
  const url = `ws://${address}:${port}`
  log(`listening on ${url}, documents in ${options.dir}`)
  return {
    port,
    url,
    instance,
    stop: async () => {
      // Every document still open is stored before the server goes, and every client is cut
      // off (Hocuspocus closes the documents, not the sockets): they say "offline" and retry.
      await server.destroy()
      for (const client of server.webSocketServer.clients) client.terminate()
      server.httpServer.closeAllConnections()
      log('stopped')
    },
  }
}
