// What ships: the JavaScript a start loads (the entry and the chunks it imports at once, which Vite
// lists for preloading), and what loads later on demand (the editor, the workers).
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { measure } from '../lib/stats.mjs'

export function sizes() {
  const dir = 'out/renderer/assets'
  const html = readFileSync('out/renderer/index.html', 'utf8')
  const entries = [...html.matchAll(/src="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1])
  const initial = entries.flatMap((file) => {
    const preloaded = readFileSync(path.join(dir, file), 'utf8').match(/m\.f=\[([^\]]*)\]/)
    return [file, ...[...(preloaded?.[1] ?? '').matchAll(/\.\/([^"]+\.js)/g)].map((m) => m[1])]
  })
  const gz = (file) => gzipSync(readFileSync(path.join(dir, file))).length / 1024
  const later = readdirSync(dir).filter((f) => f.endsWith('.js') && !initial.includes(f))
  return [
    measure(
      'initialJs',
      'JavaScript loaded at start',
      initial.reduce((sum, f) => sum + gz(f), 0),
      {
        unit: 'KB gzip',
        budget: '≤ 300 KB gzip',
        limit: 300,
      },
    ),
    measure(
      'laterJs',
      'JavaScript loaded on demand',
      later.reduce((sum, f) => sum + gz(f), 0),
      {
        unit: 'KB gzip',
      },
    ),
  ]
}
