/**
 * What the CLI suites share: the bundled `dist/cli.js` run as a subprocess, the way a user runs
 * `model-ci`, in a git repository made from a copy of examples/quickstart (two models in plain
 * Python, so any python3 trains them).
 */
import { execFile, execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { git } from '../harness/git-repo.js'
import { ACTION_ROOT } from '../harness/job-runner.js'

export interface CliResult {
  exitCode: number
  stdout: string
  stderr: string
}

let cliPath: string | undefined

/**
 * dist/cli.js as `npm run bundle` built it; when there is none yet, a bundle built aside for this
 * test file (dist/ itself is the lead's to rebuild).
 */
export function bundledCli(): string {
  if (cliPath) return cliPath
  const built = join(ACTION_ROOT, 'dist', 'cli.js')
  if (existsSync(built)) return (cliPath = built)
  const aside = mkdtempSync(join(tmpdir(), 'model-ci-cli-dist-'))
  execFileSync(process.execPath, [join(ACTION_ROOT, 'scripts', 'bundle.mjs'), aside], { cwd: ACTION_ROOT, stdio: 'inherit' })
  return (cliPath = join(aside, 'cli.js'))
}

/** The environment of every run: no colors, no git config of the machine's user, no width from the shell that runs the tests. */
export function cliEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('GIT_') && name !== 'NODE_OPTIONS' && name !== 'FORCE_COLOR' && name !== 'COLUMNS') env[name] = value
  }
  return { ...env, NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', ...extra }
}

/** Runs `model-ci <args>` in `cwd` and waits for it to end. */
export function modelCi(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bundledCli(), ...args], { cwd, env: cliEnv(env), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0
      if (typeof code !== 'number') reject(error)
      else resolve({ exitCode: code, stdout, stderr })
    })
  })
}

const IDENTITY = ['-c', 'user.name=Mona Lisa', '-c', 'user.email=mona@example.com']

/** A new git repository in `parent`/`name` holding the quick-start example, committed on `branch`. */
export async function quickstartRepository(parent: string, name: string, branch = 'main'): Promise<string> {
  const repo = join(parent, name)
  cpSync(join(ACTION_ROOT, 'examples', 'quickstart'), repo, { recursive: true })
  await git(repo, ['init', '-q', '-b', branch])
  await git(repo, ['add', '-A'])
  await git(repo, [...IDENTITY, 'commit', '-q', '-m', 'two models'])
  return repo
}

/** Commits the changes to tracked files: the trainings' outputs (models/<name>/outputs/) stay out. */
export async function commitTracked(repo: string, message: string): Promise<string> {
  await git(repo, ['add', '-u'])
  await git(repo, [...IDENTITY, 'commit', '-q', '-m', message])
  return git(repo, ['rev-parse', 'HEAD'])
}

/** Rewrites a file of the repository with `edit`. */
export function editFile(repo: string, path: string, edit: (text: string) => string): void {
  const file = join(repo, path)
  writeFileSync(file, edit(readFileSync(file, 'utf8')))
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
}
