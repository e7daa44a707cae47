// Lint: typescript-eslint's recommended rules plus the import-direction rules of the design:
// shared/ imports nothing of ours and nothing of node/electron/DOM-only packages, and uses no
// Node globals; electron/peer/ never imports electron; renderer/ never imports electron/, and
// only renderer/bridge/ touches window.commonweave. Inside the peer the layers point one way:
// net/ and sync/ know nothing of consent, spaces or the API; consent/ decides access and never
// imports domain/ or api/; domain/ never imports api/.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'url', 'util', 'stream']

/** Rules for one folder of the peer: what it may not import, and why. */
const peerLayer = (folder, forbidden, message) => ({
  files: [`electron/peer/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['electron'], message: 'electron/peer runs headless: never import electron.' },
        { group: ['**/renderer/**'], message: 'the peer never imports the renderer.' },
        { group: ['**/main/**', '**/preload/**'], message: 'the peer never imports the Electron shell.' },
        { group: forbidden.flatMap((f) => [`../${f}/*`, `../../${f}/*`, `**/peer/${f}/**`]), message },
      ],
    }],
  },
})

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
      'no-restricted-globals': ['error', ...['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global', 'setImmediate', 'clearImmediate']
        .map((name) => ({ name, message: 'shared/ is pure: no Node globals (it runs in the renderer too).' }))],
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
  peerLayer('net', ['sync', 'consent', 'domain', 'api'], 'net/ knows nothing of sync, consent, spaces or the API.'),
  peerLayer('sync', ['net', 'consent', 'domain', 'api'], 'sync/ knows nothing of consent, spaces or the API.'),
  peerLayer('consent', ['domain', 'api'], 'consent/ decides access and knows no space layout: it never imports domain/ or api/ (domain uses consent, not the other way).'),
  peerLayer('domain', ['api'], 'domain/ never imports api/: the API calls the domain.'),
  peerLayer('storage', ['net', 'sync', 'consent', 'domain', 'api'], 'storage/ holds small file helpers for every layer; it imports none of them.'),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/bridge/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[property.name='commonweave']",
        message: 'Only renderer/bridge/ touches window.commonweave; the rest of the UI gets the PeerApi from the bridge.',
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
