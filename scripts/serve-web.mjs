// Web mode: serves the built renderer on 127.0.0.1 at a fixed port, so the browser finds the same
// origin, and so the same data, every time. Usage: node scripts/serve-web.mjs [--port 5199]
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import path from 'node:path'

const HOST = '127.0.0.1'
const portArg = process.argv.indexOf('--port')
const PORT = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.STEADY_WEB_PORT ?? 5199))
const ROOT = path.resolve('out/renderer')
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

let indexHtml
try {
  indexHtml = await readFile(path.join(ROOT, 'index.html'), 'utf8')
} catch {
  console.error(
    'Steady: out/renderer/index.html is missing. Run `npm run build` first (npm run web does).',
  )
  process.exit(1)
}
// The page's own meta CSP (src/main/security/csp.ts keeps it strict), sent as a header too, plus
// frame-ancestors, which only works as a header.
const metaCsp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1]
if (!metaCsp) {
  console.error(
    'Steady: the built index.html has no Content-Security-Policy; refusing to serve it.',
  )
  process.exit(1)
}
const CSP = `${metaCsp}; frame-ancestors 'none'`

function resolveFile(urlPath) {
  let pathname
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://x').pathname)
  } catch {
    return null
  }
  const file = path.resolve(ROOT, `.${pathname === '/' ? '/index.html' : pathname}`)
  return file.startsWith(ROOT + path.sep) ? file : null
}

const server = createServer(async (req, res) => {
  const file = resolveFile(req.url ?? '/')
  const info = file && (await stat(file).catch(() => null))
  if (!file || !info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found')
    return
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  })
  createReadStream(file).pipe(res)
})

server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') {
    console.error(
      `Steady: port ${PORT} on ${HOST} is already in use. Is Steady already open in another terminal?\n` +
        `Close it, or choose another port: npm run web -- --port 5200 (your data is kept per port).`,
    )
  } else {
    console.error(`Steady: the web server could not start: ${error.message}`)
  }
  process.exit(1)
})

server.listen(PORT, HOST, () => {
  console.log(`Steady is running at http://${HOST}:${PORT}/  (Ctrl+C to stop)`)
})
