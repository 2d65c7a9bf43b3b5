/**
 * `npm run sync-server`: the team's sync server on this machine, configured by environment
 * variables, logging to stdout. Ctrl+C stores every open document, then stops.
 *
 *   STEADY_SYNC_SECRET   the team's shared secret (required; at least 16 characters)
 *   STEADY_SYNC_DIR      where documents are kept (default ./steady-sync-data)
 *   STEADY_SYNC_PORT     default 1234
 *   STEADY_SYNC_ADDRESS  default 127.0.0.1; a LAN address to serve the team (TLS: a reverse proxy)
 */
import { startSyncServer } from './sync-server'

const secret = process.env['STEADY_SYNC_SECRET'] ?? ''
if (secret.length < 16) {
  console.error('Set STEADY_SYNC_SECRET to the team secret (16 characters or more).')
  process.exit(2)
}
const server = await startSyncServer({
  secret,
  dir: process.env['STEADY_SYNC_DIR'] ?? 'steady-sync-data',
  port: Number(process.env['STEADY_SYNC_PORT'] ?? 1234),
  address: process.env['STEADY_SYNC_ADDRESS'] ?? '127.0.0.1',
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
})
const stop = () => void server.stop().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
