// Lint, including the import rules that hold the architecture (see ARCHITECTURE.md):
// the engine core imports no Node, DOM, Vue or Electron; the renderer imports no Node or Electron.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

// Bare built-in names ('fs', 'inspector') must match exactly: as gitignore-style patterns they would
// also match our own files of the same name (stores/inspector.ts). Subpaths and node: go by pattern.
const NODE_MESSAGE = 'Node built-ins are not available here.'
const nodeBannedPaths = builtinModules.map((name) => ({ name, message: NODE_MESSAGE }))
const nodeBanned = { regex: `^(node:.*|(${builtinModules.join('|').replace(/\//g, '\\/')})/.*)$`, message: NODE_MESSAGE }
const electronBanned = { group: ['electron', 'electron/*'], message: 'Electron is only for electron/.' }

const ENGINE_CORE = ['engine/**/*.ts']
const ENGINE_EDGE = ['engine/node/**', 'engine/bench/**', 'engine/**/*.test.ts', 'engine/**/*.node.ts', 'engine/assembly/**']

export default tseslint.config(
  { ignores: ['**/*.generated.ts', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'engine/assembly/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    // parserOptions.parser: no-cycle parses imported .vue files with vue-eslint-parser, whose
    // script blocks are TypeScript; without it every .vue import logs a parse error.
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
      'import-x/extensions': ['.ts', '.js', '.vue'],
      // no-cycle parses imported files itself: .vue needs Vue's parser.
      'import-x/parsers': { 'vue-eslint-parser': ['.vue'], '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  // Node-side code and tooling.
  {
    files: ['electron/**', 'web-host/**', 'host-neutral/**', 'engine/node/**', 'engine/bench/**', 'e2e/**', 'scripts/**', 'bin/**', 'bench/**', '*.config.{ts,js}', '**/*.node.ts', '**/*.child.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**', 'e2e/specs/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The engine core: pure ECMAScript. Nothing from Node, the DOM, Vue or Electron, and
  // nothing from the other folders or from its own Node edge.
  {
    files: ENGINE_CORE,
    ignores: ENGINE_EDGE,
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBannedPaths,
        patterns: [
          nodeBanned,
          electronBanned,
          { group: ['vue', 'pinia', '@vue/*', 'chart.js', 'chart.js/*', 'vue-chartjs', 'katex'], message: 'The engine core has no UI.' },
          { group: ['**/renderer/**', '**/electron/**', '**/web-host/**', '**/host-neutral/**', '**/e2e/**', '**/node/**', './node/*'], message: 'The engine core imports only from engine/ (not its Node edge).' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'self', 'process', 'require', 'Buffer', '__dirname', '__filename', 'global', 'setImmediate'].map(
          (name) => ({ name, message: 'The engine core runs in any host: no DOM or Node globals.' })),
      ],
    },
  },
  // Code both hosts share (Electron main and the browser host's Node server): no Electron.
  {
    files: ['host-neutral/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBanned, { group: ['**/electron/main/**', '**/electron/preload/**', '**/web-host/**', '**/renderer/**'], message: 'Host-neutral code must not depend on one host or on the renderer.' }] }],
    },
  },
  // The browser host: Node, host-neutral code and engine/ only; never Electron or the renderer.
  {
    files: ['web-host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBanned, { group: ['**/electron/main/**', '**/electron/preload/**', '**/renderer/**'], message: 'The browser host imports host-neutral code and engine/ only.' }] }],
    },
  },
  // The renderer: browser only; it reaches the host through window.studio.
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBannedPaths,
        patterns: [
          nodeBanned,
          electronBanned,
          { group: ['**/electron/**', '**/web-host/**', '**/host-neutral/**', '**/e2e/**', '**/engine/node/**'], message: 'The renderer uses the contract and pure engine helpers only.' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname', '__filename'],
    },
  },
)
