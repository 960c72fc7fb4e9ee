import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// Layers of src/ (DESIGN.md section 6): entries → commands → core and ports, with adapters that
// only the entries wire to commands. repository/ and records/ are what several commands share, and
// keep the commands' rules. Each folder below lists what it must not import, as regular
// expressions over the import's specifier; a relative specifier names the folder it reaches,
// from whatever depth below src/ it is written. __tests__/lint-boundaries.test.ts checks each one.

/** A relative import of anything in src/<folder>/, for each folder given. */
const folders = (...names) => `^(\\.\\./)+(${names.join('|')})/`
/** A relative import of an entry file at the root of src/. */
const ENTRY_FILES = '^(\\.\\./)+(main|index|cli)\\.js$'
/** Node's modules that reach the disk, other processes or the network. */
const IO_MODULES = '^(node:)?(fs|child_process|net|http|https|http2|dgram|dns|tls)(/|$)'

const ENTRIES = 'only the entries (src/action, src/cli, src/cli.ts, src/main.ts, src/index.ts) wire adapters to commands'

const boundaries = {
  core: {
    files: ['src/core/**/*.ts'],
    forbidden: [
      { regex: folders('ports'), allowTypeImports: true, message: 'core may use the ports\' types (import type), nothing else of them' },
      { regex: folders('commands', 'repository', 'records', 'adapters', 'action', 'cli'), message: 'core imports only core (and the ports\' types): it is pure logic, used by every command' },
      { regex: ENTRY_FILES, message: 'core imports only core (and the ports\' types)' },
      { regex: IO_MODULES, message: 'core does no I/O: take the data, or a port, as an argument' },
      { regex: '^@(actions|octokit)/', message: 'core does no I/O: the GitHub clients belong in src/adapters/github' }
    ]
  },
  commands: {
    files: ['src/commands/**/*.ts', 'src/repository/**/*.ts', 'src/records/**/*.ts'],
    forbidden: [
      { regex: folders('adapters'), message: `commands take their ports as arguments; ${ENTRIES}` },
      { regex: folders('action', 'cli'), message: 'commands do not import the entries that call them' },
      { regex: ENTRY_FILES, message: 'commands do not import the entries that call them' },
      { regex: '^@(actions|octokit)/', message: 'commands run on GitHub and locally alike: the GitHub clients belong in src/adapters/github' },
      { regex: '^(node:)?child_process$', message: 'commands run processes through the ProcessRunner port (src/ports/process-runner.ts)' },
      { regex: '^(node:)?fs(/|$)', message: 'commands read and write files through the FileSystem and Workspace ports (src/ports/file-system.ts, workspace.ts)' },
      { regex: '^(node:)?(net|http|https|http2|dgram|dns|tls)$', message: 'commands reach services through their ports, whose adapters talk to the network' }
    ]
  },
  ports: {
    files: ['src/ports/**/*.ts'],
    forbidden: [
      { regex: '^\\./', allowTypeImports: true, message: 'a port may use another port\'s types (import type), nothing else of it' },
      { regex: '^\\.\\./core/', allowTypeImports: true, message: 'a port may use core\'s types (import type), nothing else of it' },
      { regex: '^(?!\\./|\\.\\./core/)', message: 'ports are interfaces: they import only the types of other ports and of core' }
    ]
  },
  adapters: {
    files: ['src/adapters/**/*.ts'],
    forbidden: [
      { regex: folders('commands', 'repository', 'records', 'action', 'cli'), message: `adapters implement ports; ${ENTRIES}` },
      { regex: ENTRY_FILES, message: `adapters implement ports; ${ENTRIES}` }
    ]
  },
  // Imported by every layer, so they import nothing of src/ themselves.
  shared: {
    files: ['src/errors.ts', 'src/constants.ts'],
    forbidden: [{ regex: '^\\.', message: 'errors.ts and constants.ts are imported by every layer: they import nothing of src/' }]
  }
}

/** Static imports and re-exports through no-restricted-imports, `import()` through no-restricted-syntax. */
function boundaryConfig({ files, forbidden }) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: forbidden }],
      'no-restricted-syntax': [
        'error',
        ...forbidden
          .filter(({ allowTypeImports }) => !allowTypeImports)
          .map(({ regex, message }) => ({ selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`, message }))
      ]
    }
  }
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.venv/', '.venv.building-*/', '**/*.d.ts', 'examples/**/.model-ci/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  // Rules that need the type checker: an unawaited rejection is an unhandled one, which ends the
  // process. Only src/: tsconfig.eslint.json leaves __tests__ out, whose types more than double the lint's time.
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error'
    }
  },
  ...Object.values(boundaries).map(boundaryConfig)
)
