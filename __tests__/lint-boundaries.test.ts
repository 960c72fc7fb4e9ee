// The layers of src/ (DESIGN.md section 6) are kept by ESLint: each folder's import rules in
// eslint.config.js. Each rule is shown to fire on a file that breaks it, and files that keep to the
// layers pass, so a rule that stops matching (a typo in a pattern, a folder renamed) fails here.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { ESLint } from 'eslint'
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

const STATIC = '@typescript-eslint/no-restricted-imports'
const DYNAMIC = 'no-restricted-syntax'

/**
 * The project's lint as it is, except that the files given to lintText are not on disk: the
 * type-checked rules, which need them in a TypeScript program, are checked on their own below.
 */
function boundaryLinter(): ESLint {
  return new ESLint({
    cwd: repoRoot,
    overrideConfig: {
      files: ['src/**/*.ts'],
      languageOptions: { parserOptions: { project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' }
    }
  })
}

async function problems(eslint: ESLint, filePath: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }))
}

interface Breach {
  /** What the file does wrong. */
  name: string
  filePath: string
  code: string
  rule: typeof STATIC | typeof DYNAMIC
  /** Part of the rule's message, which names the layer's rule. */
  says: string
}

const breaches: Breach[] = [
  // core: pure logic, imports only core and the ports' types
  { name: 'core imports a value of a port', filePath: 'src/core/x.ts', code: "import { TREE_MODE } from '../ports/git.js'\nexport const mode = TREE_MODE\n", rule: STATIC, says: "core may use the ports' types" },
  { name: 'core imports a command', filePath: 'src/core/x.ts', code: "import { report } from '../commands/report/report.js'\nexport const run = report\n", rule: STATIC, says: 'core imports only core' },
  { name: 'core imports a command\'s types', filePath: 'src/core/x.ts', code: "import type { ReportResult } from '../commands/report/report.js'\nexport type R = ReportResult\n", rule: STATIC, says: 'core imports only core' },
  { name: 'core imports an adapter, from a subfolder', filePath: 'src/core/config/x.ts', code: "import { GitCli } from '../../adapters/git/git-cli.js'\nexport const git = GitCli\n", rule: STATIC, says: 'core imports only core' },
  { name: 'core imports the action entries', filePath: 'src/core/x.ts', code: "import { openCheckout } from '../action/checkout.js'\nexport const open = openCheckout\n", rule: STATIC, says: 'core imports only core' },
  { name: 'core imports the CLI', filePath: 'src/core/report/x.ts', code: "import { parseArgs } from '../../cli/args.js'\nexport const parse = parseArgs\n", rule: STATIC, says: 'core imports only core' },
  { name: 'core imports an entry file', filePath: 'src/core/x.ts', code: "import { main } from '../main.js'\nexport const run = main\n", rule: STATIC, says: 'core imports only core' },
  { name: 'core reads files', filePath: 'src/core/x.ts', code: "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n", rule: STATIC, says: 'core does no I/O' },
  { name: 'core reads files (fs/promises, no node: prefix)', filePath: 'src/core/x.ts', code: "import { readFile } from 'fs/promises'\nexport const read = readFile\n", rule: STATIC, says: 'core does no I/O' },
  { name: 'core runs processes', filePath: 'src/core/x.ts', code: "import { spawn } from 'node:child_process'\nexport const run = spawn\n", rule: STATIC, says: 'core does no I/O' },
  { name: 'core opens sockets', filePath: 'src/core/x.ts', code: "import { connect } from 'node:net'\nexport const open = connect\n", rule: STATIC, says: 'core does no I/O' },
  { name: 'core makes HTTP requests', filePath: 'src/core/x.ts', code: "import { request } from 'node:http'\nexport const send = request\n", rule: STATIC, says: 'core does no I/O' },
  { name: 'core makes HTTPS requests', filePath: 'src/core/x.ts', code: "import { request } from 'node:https'\nexport const send = request\n", rule: STATIC, says: 'core does no I/O' },
  { name: 'core loads an I/O module when called', filePath: 'src/core/x.ts', code: "export const load = () => import('node:fs')\n", rule: DYNAMIC, says: 'core does no I/O' },
  { name: 'core imports @actions/core', filePath: 'src/core/x.ts', code: "import * as actions from '@actions/core'\nexport const info = actions.info\n", rule: STATIC, says: 'the GitHub clients belong in src/adapters/github' },
  { name: 'core imports Octokit', filePath: 'src/core/x.ts', code: "import { retry } from '@octokit/plugin-retry'\nexport const plugin = retry\n", rule: STATIC, says: 'the GitHub clients belong in src/adapters/github' },

  // commands: take their ports as arguments
  { name: 'a command imports an adapter', filePath: 'src/commands/x.ts', code: "import { GitCli } from '../adapters/git/git-cli.js'\nexport const git = GitCli\n", rule: STATIC, says: 'commands take their ports as arguments' },
  { name: 'a command re-exports an adapter', filePath: 'src/commands/report/x.ts', code: "export { FsWorkspace } from '../../adapters/local/fs-workspace.js'\n", rule: STATIC, says: 'commands take their ports as arguments' },
  { name: 'a command loads an adapter when called', filePath: 'src/commands/detect/x.ts', code: "export const load = () => import('../../adapters/github/octokit.js')\n", rule: DYNAMIC, says: 'commands take their ports as arguments' },
  { name: 'a command imports the action entries', filePath: 'src/commands/x.ts', code: "import { openCheckout } from '../action/checkout.js'\nexport const open = openCheckout\n", rule: STATIC, says: 'commands do not import the entries' },
  { name: 'a command imports the CLI', filePath: 'src/commands/train/x.ts', code: "import { parseArgs } from '../../cli/args.js'\nexport const parse = parseArgs\n", rule: STATIC, says: 'commands do not import the entries' },
  { name: 'a command imports an entry file', filePath: 'src/commands/x.ts', code: "import { main } from '../main.js'\nexport const run = main\n", rule: STATIC, says: 'commands do not import the entries' },
  { name: 'a command imports @actions/core', filePath: 'src/commands/x.ts', code: "import * as actions from '@actions/core'\nexport const info = actions.info\n", rule: STATIC, says: 'the GitHub clients belong in src/adapters/github' },
  { name: 'a command imports @actions/exec', filePath: 'src/commands/train/x.ts', code: "import { exec } from '@actions/exec'\nexport const run = exec\n", rule: STATIC, says: 'the GitHub clients belong in src/adapters/github' },
  { name: 'a command imports Octokit', filePath: 'src/commands/x.ts', code: "import { throttling } from '@octokit/plugin-throttling'\nexport const plugin = throttling\n", rule: STATIC, says: 'the GitHub clients belong in src/adapters/github' },
  { name: 'a command loads @actions/cache when called', filePath: 'src/commands/x.ts', code: "export const load = () => import('@actions/cache')\n", rule: DYNAMIC, says: 'the GitHub clients belong in src/adapters/github' },
  { name: 'a command runs processes itself', filePath: 'src/commands/x.ts', code: "import { spawn } from 'node:child_process'\nexport const run = spawn\n", rule: STATIC, says: 'the ProcessRunner port' },
  { name: 'a command runs processes itself (no node: prefix)', filePath: 'src/commands/x.ts', code: "import { spawn } from 'child_process'\nexport const run = spawn\n", rule: STATIC, says: 'the ProcessRunner port' },
  { name: 'a command reads files itself', filePath: 'src/commands/train/x.ts', code: "import { readFile } from 'node:fs/promises'\nexport const read = readFile\n", rule: STATIC, says: 'the FileSystem and Workspace ports' },
  { name: 'a command opens a socket itself', filePath: 'src/commands/x.ts', code: "import { request } from 'node:https'\nexport const get = request\n", rule: STATIC, says: 'commands reach services through their ports' },
  { name: 'the repository reads files itself', filePath: 'src/repository/x.ts', code: "import { readFileSync } from 'fs'\nexport const read = readFileSync\n", rule: STATIC, says: 'the FileSystem and Workspace ports' },
  { name: 'a record helper imports an adapter', filePath: 'src/records/x.ts', code: "import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'\nexport const store = FsArtifactStore\n", rule: STATIC, says: 'commands take their ports as arguments' },
  { name: 'core imports the repository', filePath: 'src/core/x.ts', code: "import { Repository } from '../repository/repository.js'\nexport const r = Repository\n", rule: STATIC, says: 'core imports only core' },
  { name: 'an adapter imports a record helper', filePath: 'src/adapters/github/x.ts', code: "import { readRecordFile } from '../../records/record-file.js'\nexport const read = readRecordFile\n", rule: STATIC, says: 'adapters implement ports' },

  // ports: interfaces, with only the types of other ports and of core
  { name: 'a port imports a value of another port', filePath: 'src/ports/x.ts', code: "import { TREE_MODE } from './git.js'\nexport const mode = TREE_MODE\n", rule: STATIC, says: "a port may use another port's types" },
  { name: 'a port imports a value of core', filePath: 'src/ports/x.ts', code: "import { escapeMarkdown } from '../core/markdown.js'\nexport const escape = escapeMarkdown\n", rule: STATIC, says: "a port may use core's types" },
  { name: 'a port imports a command\'s types', filePath: 'src/ports/x.ts', code: "import type { ReportResult } from '../commands/report/report.js'\nexport type R = ReportResult\n", rule: STATIC, says: 'ports are interfaces' },
  { name: 'a port imports errors.ts', filePath: 'src/ports/x.ts', code: "import { UserError } from '../errors.js'\nexport const E = UserError\n", rule: STATIC, says: 'ports are interfaces' },
  { name: 'a port imports a package', filePath: 'src/ports/x.ts', code: "import type { Readable } from 'node:stream'\nexport type R = Readable\n", rule: STATIC, says: 'ports are interfaces' },
  { name: 'a port loads an adapter when called', filePath: 'src/ports/x.ts', code: "export const load = () => import('../adapters/local/fs-workspace.js')\n", rule: DYNAMIC, says: 'ports are interfaces' },

  // adapters: implement ports; only the entries wire them to commands
  { name: 'an adapter imports a command', filePath: 'src/adapters/github/x.ts', code: "import { report } from '../../commands/report/report.js'\nexport const run = report\n", rule: STATIC, says: 'adapters implement ports' },
  { name: 'an adapter imports a command\'s types', filePath: 'src/adapters/local/x.ts', code: "import type { TrainRun } from '../../commands/train/train.js'\nexport type R = TrainRun\n", rule: STATIC, says: 'adapters implement ports' },
  { name: 'an adapter loads a command when called', filePath: 'src/adapters/git/x.ts', code: "export const load = () => import('../../commands/detect/detect.js')\n", rule: DYNAMIC, says: 'adapters implement ports' },
  { name: 'an adapter imports the action entries', filePath: 'src/adapters/github/x.ts', code: "import { openCheckout } from '../../action/checkout.js'\nexport const open = openCheckout\n", rule: STATIC, says: 'adapters implement ports' },
  { name: 'an adapter imports the CLI', filePath: 'src/adapters/local/x.ts', code: "import { terminalLogger } from '../../cli/terminal.js'\nexport const logger = terminalLogger\n", rule: STATIC, says: 'adapters implement ports' },
  { name: 'an adapter imports an entry file', filePath: 'src/adapters/github/x.ts', code: "import { main } from '../../main.js'\nexport const run = main\n", rule: STATIC, says: 'adapters implement ports' },

  // errors.ts and constants.ts: imported by every layer, so they import none
  { name: 'errors.ts imports core', filePath: 'src/errors.ts', code: "import { escapeMarkdown } from './core/markdown.js'\nexport const escape = escapeMarkdown\n", rule: STATIC, says: 'they import nothing of src/' },
  { name: 'constants.ts imports an adapter', filePath: 'src/constants.ts', code: "import { LOCAL_STATE_DIR } from './adapters/local/state-dir.js'\nexport const DIR = LOCAL_STATE_DIR\n", rule: STATIC, says: 'they import nothing of src/' }
]

/** Files that keep to their layer, importing everything their layer may. */
const keepers: { name: string; filePath: string; code: string }[] = [
  {
    name: 'core: core, the ports\' types, errors.ts, constants.ts, pure packages and node modules',
    filePath: 'src/core/report/x.ts',
    code: [
      "import { createHash } from 'node:crypto'",
      "import { posix } from 'node:path'",
      "import * as z from 'zod/mini'",
      "import type { Git } from '../../ports/git.js'",
      "import { type Deployment } from '../../ports/deployments.js'",
      "import { CONFIG_FILE } from '../../constants.js'",
      "import { UserError } from '../../errors.js'",
      "import { escapeMarkdown } from '../markdown.js'",
      "import { renderMarkdown } from './render-markdown.js'",
      'export type Uses = [Git, Deployment]',
      'export const uses = [createHash, posix, z, CONFIG_FILE, UserError, escapeMarkdown, renderMarkdown]',
      "export const load = () => import('../config/parse.js')",
      ''
    ].join('\n')
  },
  {
    name: 'commands: core, ports, errors.ts, other commands, the repository and records',
    filePath: 'src/commands/report/x.ts',
    code: [
      "import { join } from 'node:path'",
      "import { readRecordFile } from '../../records/record-file.js'",
      "import { TREE_MODE } from '../../ports/git.js'",
      "import type { WorkflowRuns } from '../../ports/workflow-runs.js'",
      "import { renderMarkdown } from '../../core/report/render-markdown.js'",
      "import { UserError } from '../../errors.js'",
      "import { Repository } from '../../repository/repository.js'",
      "import { gateError } from './gates.js'",
      'export type Uses = WorkflowRuns',
      'export const uses = [join, readRecordFile, TREE_MODE, renderMarkdown, UserError, Repository, gateError]',
      "export const load = () => import('../../core/config/parse.js')",
      ''
    ].join('\n')
  },
  {
    name: 'ports: the types of other ports and of core',
    filePath: 'src/ports/x.ts',
    code: [
      "import type { Git } from './git.js'",
      "import { type Logger } from './logger.js'",
      "import type { Manifest } from '../core/manifest.js'",
      "export type { FileEntry } from './git.js'",
      'export interface Uses { git: Git; logger: Logger; manifest: Manifest }',
      ''
    ].join('\n')
  },
  {
    name: 'adapters: core, ports, errors.ts, constants.ts, other adapters, the GitHub clients, processes',
    filePath: 'src/adapters/github/x.ts',
    code: [
      "import * as actions from '@actions/core'",
      "import { retry } from '@octokit/plugin-retry'",
      "import { spawn } from 'node:child_process'",
      "import { readFileSync } from 'node:fs'",
      "import type { ArtifactStore } from '../../ports/artifact-store.js'",
      "import { TREE_MODE } from '../../ports/git.js'",
      "import { escapeMarkdown } from '../../core/markdown.js'",
      "import { Inputs } from '../../constants.js'",
      "import { UserError } from '../../errors.js'",
      "import { FsWorkspace } from '../local/fs-workspace.js'",
      'export type Uses = ArtifactStore',
      'export const uses = [actions, retry, spawn, readFileSync, TREE_MODE, escapeMarkdown, Inputs, UserError, FsWorkspace]',
      "export const load = () => import('@actions/cache')",
      ''
    ].join('\n')
  },
  {
    name: 'an action entry wires adapters to a command',
    filePath: 'src/action/x.ts',
    code: [
      "import * as actions from '@actions/core'",
      "import { GitHubArtifactStore } from '../adapters/github/artifact-store.js'",
      "import { report } from '../commands/report/report.js'",
      "import { Outputs } from '../constants.js'",
      'export const uses = [actions, GitHubArtifactStore, report, Outputs]',
      "export const load = () => import('../adapters/github/octokit.js')",
      ''
    ].join('\n')
  },
  {
    name: 'the CLI wires adapters to commands',
    filePath: 'src/cli/x.ts',
    code: [
      "import { spawn } from 'node:child_process'",
      "import { FsArtifactStore } from '../adapters/local/fs-artifact-store.js'",
      "import { train } from '../commands/train/train.js'",
      'export const uses = [spawn, FsArtifactStore, train]',
      ''
    ].join('\n')
  },
  {
    name: 'main.ts loads the action entries',
    filePath: 'src/main.ts',
    code: ["import * as actions from '@actions/core'", "export const uses = [actions]", "export const load = () => import('./action/report.js')", ''].join('\n')
  }
]

let eslint: ESLint
beforeAll(() => {
  eslint = boundaryLinter()
})

describe('the lint keeps the layers of src/', () => {
  test.each(breaches)('$name: $rule fires', async ({ filePath, code, rule, says }) => {
    const found = await problems(eslint, filePath, code)
    expect(found).toEqual([{ ruleId: rule, message: expect.stringContaining(says) }])
  })

  test.each(keepers)('$name: no problem', async ({ filePath, code }) => {
    expect(await problems(eslint, filePath, code)).toEqual([])
  })

  test('every folder of src/ is a layer the rules know', () => {
    // The rules name the folders a layer must not reach; a new top-level folder would be reachable from every layer.
    const folders = readdirSync(join(repoRoot, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
    expect(folders).toEqual(['action', 'adapters', 'cli', 'commands', 'core', 'ports', 'records', 'repository'])
  })
})

describe('the lint checks promises with the type checker', () => {
  // A real file in src/, so that the TypeScript program of tsconfig.eslint.json reads it from disk:
  // text given to lintText for a file already on disk was seen checked against the file's disk
  // content under load, and then nothing fired.
  test('an unawaited promise and a promise where a callback returns void are found', async () => {
    const code = [
      'export async function save(): Promise<void> {}',
      'export function saveLater(): void {',
      '  save()',
      '}',
      'export function onEach(items: string[]): void {',
      '  items.forEach(async () => save())',
      '}',
      ''
    ].join('\n')
    const probe = join(repoRoot, 'src', `lint-probe-${process.pid}.ts`)
    writeFileSync(probe, code)
    try {
      const [result] = await new ESLint({ cwd: repoRoot }).lintFiles([probe])
      expect(result.messages.map(({ ruleId }) => ruleId)).toEqual(['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'])
    } finally {
      rmSync(probe, { force: true })
    }
  }, 120_000)
})
