// Lint: typescript-eslint's recommended rules plus the import-direction rules of the design:
// shared/ imports nothing of ours and nothing of node/electron/DOM-only packages,
// electron/peer/ never imports electron, renderer/ never imports electron/.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'url', 'util', 'stream']

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['../electron/*', '../../electron/*', '../renderer/*', '../../renderer/*', '**/electron/**', '**/renderer/**'], message: 'shared/ is pure: it imports nothing from electron/ or renderer/.' },
          { group: nodeBuiltins, message: 'shared/ is pure: no node: imports.' },
          { group: ['electron', 'react', 'react-dom'], message: 'shared/ is pure: no electron or DOM libraries.' },
        ],
      }],
    },
  },
  {
    files: ['electron/peer/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'electron/peer and electron/cli run headless: never import electron.' },
          { group: ['**/renderer/**'], message: 'the peer never imports the renderer.' },
          { group: ['**/main/**', '**/preload/**'], message: 'the peer never imports the Electron shell.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/**', 'electron'], message: 'renderer/ never imports electron/: it talks to the peer through the PeerApi bridge.' },
          { group: nodeBuiltins, message: 'renderer/ runs in a browser: no node: imports.' },
        ],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
