#!/usr/bin/env node
// The Python the test suites and benchmarks train with: a project-local venv (.venv/) holding the
// pinned packages of requirements-test.txt, installed from PyPI with pip. It is made on first use
// and reused while requirements-test.txt is unchanged, so it works the same on a laptop, in CI and
// on any machine with Python 3.10+, pip and venv: no apt, no root, no system packages.
//
//   node scripts/python-test-env.mjs     makes or checks the venv, prints its interpreter
//
// Jest's global setup calls ensurePythonTestEnv(); suites that need the packages call
// pythonTestEnvProblem() (through __tests__/harness/python.ts) and fail with its one line.
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, createWriteStream } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const REQUIREMENTS = 'requirements-test.txt'
const VENV = '.venv'
/** Written into the venv once every package is installed: which requirements it holds. */
const STAMP = 'model-ci-test-env.json'
/** Written beside the venv when making it failed: the one line suites show. */
const PROBLEM = '.venv-problem.txt'
const MIN_PYTHON = [3, 10]

/** The venv's interpreter (POSIX layout: model-ci's train has no Windows support either). */
export function testPython(root = REPO_ROOT) {
  return join(root, VENV, 'bin', 'python')
}

function requirementsDigest(root) {
  return createHash('sha256').update(readFileSync(join(root, REQUIREMENTS))).digest('hex')
}

function readStamp(venv) {
  try {
    return JSON.parse(readFileSync(join(venv, STAMP), 'utf8'))
  } catch {
    return undefined
  }
}

function runs(python) {
  try {
    execFileSync(python, ['-c', 'pass'], { stdio: 'ignore', timeout: 30_000 })
    return true
  } catch {
    return false
  }
}

/**
 * Why the suites cannot use the venv, in one line, or undefined when it is current. Cheap (two
 * small reads), so every suite that needs Python can ask.
 */
export function pythonTestEnvProblem(root = REPO_ROOT) {
  const stamp = readStamp(join(root, VENV))
  if (stamp?.requirements === requirementsDigest(root)) return undefined
  const recorded = existsSync(join(root, PROBLEM)) ? readFileSync(join(root, PROBLEM), 'utf8').trim() : ''
  return recorded || `the test venv ${VENV}/ does not hold ${REQUIREMENTS}: run \`node scripts/python-test-env.mjs\` (npm test does it)`
}

/** The first of python3, python (or $PYTHON) that is Python 3.10 or newer: [path, version]. */
function findBasePython() {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', 'python']
  const found = []
  for (const candidate of candidates) {
    try {
      const out = execFileSync(candidate, ['-c', 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 30_000
      })
      const [executable, version] = out.trim().split('\n')
      const [major, minor] = version.split('.').map(Number)
      if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return { executable, version }
      found.push(`${candidate} is ${version}`)
    } catch {
      found.push(`${candidate} does not run`)
    }
  }
  throw new Error(`the tests need Python ${MIN_PYTHON.join('.')}+ with pip and venv as python3 on PATH (or $PYTHON): ${found.join(', ')}`)
}

function run(argv, logFile) {
  return new Promise((resolvePromise, reject) => {
    const log = createWriteStream(logFile, { flags: 'a' })
    log.write(`$ ${argv.join(' ')}\n`)
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PIP_NO_INPUT: '1' } })
    child.stdout.pipe(log, { end: false })
    child.stderr.pipe(log, { end: false })
    child.on('error', reject)
    child.on('close', (code) => log.end(() => resolvePromise(code)))
  })
}

/** The last lines of pip's log that say what went wrong (ERROR lines first). */
function whyPipFailed(logFile) {
  const lines = readFileSync(logFile, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean)
  const errors = lines.filter((line) => line.startsWith('ERROR:'))
  return (errors.length > 0 ? errors : lines).slice(-2).join(' / ')
}

/**
 * Makes the venv when it does not hold the current requirements, else checks that it still runs.
 * A new venv is built beside the old one and renamed into place, so an interrupted install never
 * leaves a half-made venv that looks current. Returns the interpreter; throws one line on failure
 * (also recorded for pythonTestEnvProblem()).
 */
export async function ensurePythonTestEnv({ root = REPO_ROOT, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const venv = join(root, VENV)
  const digest = requirementsDigest(root)
  if (readStamp(venv)?.requirements === digest && runs(testPython(root))) return testPython(root)

  rmSync(join(root, PROBLEM), { force: true })
  const building = `${venv}.building-${process.pid}`
  const logFile = `${building}.log`
  try {
    const base = findBasePython()
    log(`model-ci tests: installing ${REQUIREMENTS} into ${VENV}/ with Python ${base.version} (once; log in ${logFile})`)
    rmSync(building, { recursive: true, force: true })
    if ((await run([base.executable, '-m', 'venv', building], logFile)) !== 0) {
      throw new Error(`${base.executable} -m venv failed (see ${logFile}): install Python's venv module (Debian/Ubuntu: the python3-venv package)`)
    }
    const pip = [join(building, 'bin', 'python'), '-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', '-r', join(root, REQUIREMENTS)]
    if ((await run(pip, logFile)) !== 0) {
      throw new Error(`pip could not install ${REQUIREMENTS} into ${VENV}/: ${whyPipFailed(logFile)} (full log: ${logFile})`)
    }
    writeFileSync(join(building, STAMP), `${JSON.stringify({ requirements: digest, python: base.version }, null, 2)}\n`)
    rmSync(venv, { recursive: true, force: true })
    renameSync(building, venv)
    rmSync(logFile, { force: true })
    return testPython(root)
  } catch (error) {
    rmSync(building, { recursive: true, force: true })
    writeFileSync(join(root, PROBLEM), `${error.message}\n`)
    throw error
  }
}

/**
 * Jest's global setup. A failure is printed, not thrown: the suites that need no Python still run,
 * and each suite that does fails with the recorded line.
 */
export default async function jestGlobalSetup() {
  try {
    await ensurePythonTestEnv()
  } catch (error) {
    process.stderr.write(`model-ci tests: ${error.message}\n`)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${await ensurePythonTestEnv()}\n`)
  } catch (error) {
    process.stderr.write(`${error.message}\n`)
    process.exitCode = 1
  }
}
