import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string
}

const shared = { '@shared': resolve('src/shared') }

/**
 * The dev server needs an inline React Refresh preamble and a websocket for hot reload, which the
 * production CSP (in index.html) forbids. Relax it in `serve` only; builds keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'steady:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
  }
}

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      // The team's sync server runs on plain Node too (npm run sync-server): its own entry.
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'sync-server': resolve('src/main/sync/cli.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      // WARNING: a sandboxed preload can only require('electron'): everything must be in one CJS file.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    resolve: { alias: shared },
    define: { __STEADY_VERSION__: JSON.stringify(pkg.version) },
    plugins: [react(), devCsp()],
    // STEADY_NO_MINIFY=1 keeps names readable in a profile (scripts, bench traces).
    build: {
      outDir: 'out/renderer',
      minify: !process.env.STEADY_NO_MINIFY,
      reportCompressedSize: true,
    },
  },
})
