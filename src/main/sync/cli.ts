/**
 * `npm run sync-server`: the team's sync server on this machine, configured by environment
 * variables, logging to stdout. Ctrl+C stores every open document, then stops.
 *
 *   STEADY_SYNC_SECRET   the team's shared secret (at least 16 characters), or
 *   STEADY_SYNC_TOKENS   a JSON file of per-person tokens: { "token": "Name", … } (each token at
 *                        least 16 characters; the log names who joined). Either or both.
 *   STEADY_SYNC_DIR      where documents are kept (default ./steady-sync-data)
 *   STEADY_SYNC_PORT     default 1234
 *   STEADY_SYNC_ADDRESS  default 127.0.0.1; a LAN address to serve the team (TLS: a reverse proxy)
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { startSyncServer } from './sync-server'

const tokensSchema = z.record(z.string().min(16).max(500), z.string().trim().min(1).max(200))

function fail(message: string): never {
  console.error(message)
  process.exit(2)
}

const secret = process.env['STEADY_SYNC_SECRET'] ?? ''
const tokensFile = process.env['STEADY_SYNC_TOKENS']
let tokens: Record<string, string> | undefined
if (tokensFile) {
  try {
    tokens = tokensSchema.parse(JSON.parse(readFileSync(tokensFile, 'utf8')))
  } catch (error) {
    fail(
      `STEADY_SYNC_TOKENS: ${tokensFile} is not a JSON object of tokens (16+ characters) to names: ${(error as Error).message.slice(0, 300)}`,
    )
  }
}
if (secret && secret.length < 16) fail('STEADY_SYNC_SECRET: 16 characters or more.')
if (!secret && !tokens)
  fail('Set STEADY_SYNC_SECRET to the team secret, or STEADY_SYNC_TOKENS to a tokens file.')

const server = await startSyncServer({
  ...(secret ? { secret } : {}),
  ...(tokens ? { tokens } : {}),
  dir: process.env['STEADY_SYNC_DIR'] ?? 'steady-sync-data',
  port: Number(process.env['STEADY_SYNC_PORT'] ?? 1234),
  address: process.env['STEADY_SYNC_ADDRESS'] ?? '127.0.0.1',
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
})
const stop = () => void server.stop().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
