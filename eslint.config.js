// Lint, including the import rules that hold the architecture (ARCHITECTURE.md, "Folders"):
// the folder table is FOLDER_ZONES below (import-x/no-restricted-paths: which folder may not
// import which), Node built-ins are refused by import-x/no-nodejs-modules where no Node runs.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

const ENGINE_CORE = ['engine/**/*.ts']
const ENGINE_EDGE = ['engine/node/**', 'engine/bench/**', 'engine/**/*.test.ts', 'engine/**/*.node.ts', 'engine/assembly/**']

// Paths are relative to the repository; a package is refused through its folder in node_modules.
const ELECTRON = 'node_modules/electron'
const UI_PACKAGES = ['vue', 'pinia', '@vue', 'chart.js', 'vue-chartjs', 'katex'].map((name) => `node_modules/${name}`)
/** Shipped files of a folder: its tests and test-only *.node.ts helpers aside. */
const shipped = (folder) => `${folder}/**/!(*.test|*.node).{ts,vue}`

/** The folder table: each zone says what files in `target` must not import. */
const FOLDER_ZONES = [
  {
    target: [shipped('engine/!(node|bench|assembly)'), 'engine/*.ts'],
    from: ['renderer', 'electron', 'web-host', 'host-neutral', 'e2e', 'scripts', 'engine/node', 'engine/bench', ELECTRON, ...UI_PACKAGES],
    message: 'The engine core is pure ECMAScript and imports only from engine/ (not its Node edge): no UI, no host.',
  },
  {
    target: [shipped('engine/!(testing)'), 'engine/*.ts', shipped('renderer/src'), shipped('electron'), shipped('web-host'), shipped('host-neutral')],
    from: ['engine/testing', 'renderer/test', 'host-neutral/test-support', 'host-neutral/test-fixtures'],
    message: 'Test helpers stay out of shipped code.',
  },
  {
    target: 'renderer',
    from: ['electron', 'web-host', 'host-neutral', 'e2e', 'scripts', 'engine/node', 'engine/bench', ELECTRON],
    message: 'The renderer uses the contract and pure engine helpers only; it reaches the host through window.studio.',
  },
  {
    target: shipped('host-neutral'),
    from: ['electron', 'web-host', 'renderer', 'e2e', ELECTRON],
    message: 'Host-neutral code must not depend on one host, on Electron or on the renderer.',
  },
  {
    target: 'web-host',
    from: ['electron', 'renderer', ELECTRON],
    message: 'The browser host imports host-neutral code and engine/ only.',
  },
  {
    target: 'electron/main',
    from: ['renderer', 'web-host', 'electron/preload', 'e2e'],
    message: 'Electron main imports engine/, host-neutral code, electron and Node.',
  },
  {
    target: 'electron/preload',
    from: ['renderer', 'web-host', 'electron/main', 'e2e', 'engine/node'],
    message: 'The preload exposes window.studio: electron (ipcRenderer), the contract and the channel table only.',
  },
  {
    target: shipped('electron/preload'),
    from: 'host-neutral',
    except: ['./ipc-channels.ts'],
    message: 'The preload takes only the channel table from host-neutral code.',
  },
]

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
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: FOLDER_ZONES }],
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
  // The engine core: pure ECMAScript. No Node built-ins (the zones above keep the rest out), no DOM or Node globals.
  {
    files: ENGINE_CORE,
    ignores: ENGINE_EDGE,
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'self', 'process', 'require', 'Buffer', '__dirname', '__filename', 'global', 'setImmediate'].map(
          (name) => ({ name, message: 'The engine core runs in any host: no DOM or Node globals.' })),
      ],
    },
  },
  // The renderer: browser only; it reaches the host through window.studio.
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname', '__filename'],
    },
  },
)
