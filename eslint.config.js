import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const ipcOnlyInWrappers = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'Register handlers with handle() from src/main/ipc, and call main through the preload API.',
}

const electronInRenderer = {
  name: 'electron',
  message: 'The renderer reaches the OS through platform/, never electron.',
}

/** Files matching `files` may not import from folders matching `forbidden`. */
function layer(files, forbidden) {
  return [
    {
      files: [files],
      ignores: ['**/*.test.ts', '**/*.test.tsx'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [electronInRenderer],
            patterns: [
              { group: forbidden, message: 'Import downwards only (see eslint.config.js).' },
            ],
          },
        ],
      },
    },
  ]
}

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { paths: [ipcOnlyInWrappers] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/main/ipc/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**', 'src/shared/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: [electronInRenderer] }] },
  },
  // Folders import downwards only: app → features → (components, db, editor, commands, platform,
  // stores) → shared. A lower folder reaching up would tie the pieces in a knot.
  ...layer('src/shared/**', ['**/renderer/**', '**/main/**', '**/preload/**']),
  ...layer('src/renderer/src/features/**', ['**/app/**']),
  ...layer('src/renderer/src/{components,db,editor,commands,platform,stores}/**', [
    '**/app/**',
    '**/features/**',
  ]),
  {
    files: ['src/renderer/**/*.tsx', 'src/renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only matters when compiling with the React Compiler, which Steady does not use.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    // The benchmark and the screenshot script run code in the page through page.evaluate.
    files: ['bench/**', 'scripts/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // In tests, a `!` on a value the test just built reads better than a guard that cannot fail.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'src/shared/domain/test-helpers.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
