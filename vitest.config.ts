import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const alias = { '@shared': resolve('src/shared') }

// Dates in golden files and tests read the same on every machine.
process.env['TZ'] = 'UTC'

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/shared/**/*.test.ts', 'src/main/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        // Boots the built main process and preload: run after `npm run build` (test:desktop).
        test: { name: 'desktop', environment: 'node', include: ['test/desktop/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        define: { __STEADY_VERSION__: JSON.stringify('0.0.0-test') },
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['src/renderer/src/test-setup.ts'],
        },
      },
    ],
  },
})
