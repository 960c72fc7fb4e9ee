import { delimiter, join } from 'node:path'
import { dependencyCacheKeys } from '../../core/cache-keys.js'
import type { ModelConfig } from '../../core/config.js'
import type { CacheStore } from '../../ports/cache-store.js'
import type { FileSystem } from '../../ports/file-system.js'
import type { Logger } from '../../ports/logger.js'
import type { PhaseListener } from './phases.js'
import type { ProcessRunner, RunResult } from '../../ports/process-runner.js'

export type DependencyCache = 'hit' | 'partial' | 'miss' | 'none'

export interface PythonEnvPorts {
  runner: ProcessRunner
  cache: CacheStore
  logger: Logger
  files: FileSystem
  now: () => Date
  /** Told when pip starts installing the requirements (see phases.ts). */
  onPhase?: PhaseListener
}

/** The Python a model trains with, and what setting it up cost. */
export interface PythonSetup {
  /** The interpreter to run: the venv's, or the one found. */
  python: string
  version: string
  /** Variables the training sees on top of the job's (PATH and VIRTUAL_ENV for a venv). */
  env: Record<string, string>
  dependencies: DependencyCache
  installSeconds: number | null
}

export type PythonSetupResult =
  | { ok: true; setup: PythonSetup }
  | { ok: false; message: string; run?: RunResult; installSeconds: number | null }

export interface PythonSetupRequest {
  config: ModelConfig
  modelDir: string
  tempDir: string
  /** The `python` input; empty: `python`, as actions/setup-python puts it on PATH, else `python3`. */
  interpreter: string
  pipArgs: string[]
  runnerOs: string
  env: Record<string, string>
  /**
   * Restore the venv only from the entry of its exact key, never the newest of its OS and Python
   * (the default branch: anyone who can write its cache scope could have put one there).
   */
  exactDependencyKey: boolean
  deadline: number
}

/**
 * Which interpreter this is, and, when it runs inside a venv, that venv's site-packages: a venv
 * made from it with --system-site-packages sees the base installation's packages, not those.
 */
const PROBE = [
  'import json, platform, site, sys',
  'print(platform.python_version())',
  'print(sys.executable)',
  'print(json.dumps(site.getsitepackages() if sys.prefix != sys.base_prefix else []))'
].join('; ')

/** Asks a venv's interpreter where its own packages go. */
const SITE_PACKAGES_PROBE = 'import sysconfig; print(sysconfig.get_paths()["purelib"])'

/** The file in the model's venv that adds the interpreter's own venv packages after the model's. */
const INHERITED_PTH = 'model-ci-inherited.pth'

interface Interpreter {
  executable: string
  version: string
  /** Site-packages of the venv the interpreter runs in; empty for a plain installation. */
  venvSitePackages: string[]
}

/**
 * Finds the interpreter and installs the model's requirements: into a venv made for the model
 * with --system-site-packages (packages of the runner image are reused), restored from the
 * dependency cache when the same requirements were installed before, so that a hit runs no pip.
 * Without a requirements file there is no venv and no cache.
 */
export async function setUpPython(
  ports: PythonEnvPorts,
  request: PythonSetupRequest
): Promise<PythonSetupResult> {
  const found = await findInterpreter(ports.runner, request)
  if (!found) {
    const tried = request.interpreter || 'python, python3'
    return { ok: false, message: `no Python interpreter could be run (tried ${tried}); add actions/setup-python before model-ci, or set the "python" input`, installSeconds: null }
  }
  const requirementsPath = request.config.requirements === undefined ? undefined : join(request.modelDir, request.config.requirements)
  if (requirementsPath === undefined) {
    ports.logger.info(`${request.config.name} has no requirements file (src/requirements.txt or requirements.txt, or "requirements" in model.yml): it trains with ${found.executable} and what that has installed`)
    return { ok: true, setup: { python: found.executable, version: found.version, env: {}, dependencies: 'none', installSeconds: null } }
  }
  if (!(await ports.files.exists(requirementsPath))) {
    return { ok: false, message: `requirements file ${request.config.path}/${request.config.requirements} does not exist; fix "requirements" in model.yml`, installSeconds: null }
  }
  const started = ports.now().getTime()
  const seconds = () => (ports.now().getTime() - started) / 1000
  if (!request.config.venv) {
    const run = await pipInstall(ports, request, found.executable, request.env)
    if (!succeeded(run)) return { ok: false, message: 'pip could not install the requirements', run, installSeconds: seconds() }
    return { ok: true, setup: { python: found.executable, version: found.version, env: {}, dependencies: 'none', installSeconds: seconds() } }
  }

  const venvDir = join(request.tempDir, 'model-ci', 'venvs', request.config.name)
  const venvPython = join(venvDir, 'bin', 'python')
  const venvEnv = {
    VIRTUAL_ENV: venvDir,
    PATH: `${join(venvDir, 'bin')}${delimiter}${request.env.PATH ?? ''}`
  }
  const { key, restoreKeys } = dependencyCacheKeys({
    model: request.config.name,
    runnerOs: request.runnerOs,
    pythonVersion: found.version,
    requirements: await ports.files.readText(requirementsPath),
    pipArgs: request.pipArgs,
    inheritedSitePackages: found.venvSitePackages
  })
  await ports.files.remove(venvDir)
  const restored = await restoreVenv(ports, request, venvDir, { key, restoreKeys })
  const usable = restored !== undefined && (await runs(ports.runner, venvPython, request))
  if (restored !== undefined && !usable) {
    ports.logger.warning(`the cached venv of ${request.config.name} (${restored}) does not run here; making a new one`)
  }
  if (usable && !(await inheritSitePackages(ports, request, venvPython, found.venvSitePackages))) {
    return { ok: false, message: `the venv in ${venvDir} has no site-packages folder to add ${found.executable}'s packages to`, installSeconds: seconds() }
  }
  if (usable && restored === key) {
    ports.logger.info(`Dependencies of ${request.config.name}: cache hit (${key}), pip not run`)
    return { ok: true, setup: { python: venvPython, version: found.version, env: venvEnv, dependencies: 'hit', installSeconds: seconds() } }
  }
  if (!usable) {
    const made = await makeVenv(ports, request, found.executable, venvDir, venvPython)
    if (!succeeded(made)) return { ok: false, message: `python -m venv could not make the venv in ${venvDir}`, run: made, installSeconds: seconds() }
    if (!(await inheritSitePackages(ports, request, venvPython, found.venvSitePackages))) {
      return { ok: false, message: `the venv in ${venvDir} has no site-packages folder to add ${found.executable}'s packages to`, installSeconds: seconds() }
    }
  }
  const run = await pipInstall(ports, request, venvPython, { ...request.env, ...venvEnv })
  if (!succeeded(run)) return { ok: false, message: 'pip could not install the requirements', run, installSeconds: seconds() }
  await ports.cache.save([venvDir], key)
  return {
    ok: true,
    setup: { python: venvPython, version: found.version, env: venvEnv, dependencies: usable ? 'partial' : 'miss', installSeconds: seconds() }
  }
}

/**
 * Restores the venv: by its key, or the newest entry of a restore key to install on top of. With
 * `exactDependencyKey` only the key's own entry counts; the cache service matches a key by its
 * prefix too, so an entry under a longer key is thrown away.
 */
async function restoreVenv(
  ports: PythonEnvPorts,
  request: PythonSetupRequest,
  venvDir: string,
  keys: { key: string; restoreKeys: string[] }
): Promise<string | undefined> {
  if (!request.exactDependencyKey) return ports.cache.restore([venvDir], keys.key, keys.restoreKeys)
  const restored = await ports.cache.restore([venvDir], keys.key)
  if (restored === undefined || restored === keys.key) return restored
  ports.logger.warning(`the dependency cache entry ${restored} was not used: on the default branch only the entry of ${keys.key} is; making a new venv`)
  await ports.files.remove(venvDir)
  return undefined
}

/**
 * A venv without its own copy of pip (16 files instead of about 1,700), so that saving and
 * restoring it is quick: with --system-site-packages the interpreter's pip runs in it and installs
 * into it. An interpreter without pip gets a venv with pip of its own.
 */
async function makeVenv(
  ports: PythonEnvPorts,
  request: PythonSetupRequest,
  interpreter: string,
  venvDir: string,
  venvPython: string
): Promise<RunResult> {
  const make = async (withPip: boolean) => {
    await ports.files.remove(venvDir)
    const argv = [interpreter, '-m', 'venv', '--system-site-packages', ...(withPip ? [] : ['--without-pip']), venvDir]
    return ports.runner.run(argv, { cwd: request.modelDir, env: request.env, timeoutMs: remaining(request.deadline, ports.now), onOutput: (line) => ports.logger.info(line) })
  }
  const lean = await make(false)
  if (succeeded(lean) && succeeded(await probe(ports.runner, request, [venvPython, '-m', 'pip', '--version']))) {
    return lean
  }
  return make(true)
}

async function findInterpreter(runner: ProcessRunner, request: PythonSetupRequest): Promise<Interpreter | undefined> {
  for (const candidate of request.interpreter ? [request.interpreter] : ['python', 'python3']) {
    const lines: string[] = []
    const run = await probe(runner, request, [candidate, '-c', PROBE], (line) => lines.push(line))
    if (succeeded(run) && lines.length >= 3) {
      return { version: lines[0].trim(), executable: lines[1].trim(), venvSitePackages: JSON.parse(lines[2]) as string[] }
    }
  }
  return undefined
}

/**
 * The contract says the model's venv inherits the interpreter's packages. When the interpreter
 * itself runs in a venv (an earlier step's, or a team's CI image), --system-site-packages reaches
 * past it to the base installation, so a .pth file adds that venv's site-packages, after the
 * model's own so that its requirements still win. `site.addsitedir` also runs the parent's own
 * .pth files (editable installs). A restored venv gets the file written anew: the parent may differ.
 */
async function inheritSitePackages(ports: PythonEnvPorts, request: PythonSetupRequest, venvPython: string, inherited: string[]): Promise<boolean> {
  const lines: string[] = []
  const run = await probe(ports.runner, request, [venvPython, '-c', SITE_PACKAGES_PROBE], (line) => lines.push(line))
  const sitePackages = lines[0]?.trim()
  if (!succeeded(run) || !sitePackages) return false
  const pth = join(sitePackages, INHERITED_PTH)
  if (inherited.length === 0) {
    await ports.files.remove(pth)
  } else {
    await ports.files.writeText(pth, inherited.map((dir) => `import site; site.addsitedir(${JSON.stringify(dir)})\n`).join(''))
  }
  return true
}

async function runs(runner: ProcessRunner, python: string, request: PythonSetupRequest): Promise<boolean> {
  return succeeded(await probe(runner, request, [python, '-c', 'import sys']))
}

/** A quick question to an interpreter: which one it is, whether it runs, whether it has pip. */
function probe(runner: ProcessRunner, request: PythonSetupRequest, argv: string[], onOutput?: (line: string) => void): Promise<RunResult> {
  return runner.run(argv, { cwd: request.modelDir, env: request.env, timeoutMs: 60_000, onOutput })
}

function pipInstall(
  ports: PythonEnvPorts,
  request: PythonSetupRequest,
  python: string,
  env: Record<string, string>
): Promise<RunResult> {
  ports.onPhase?.({ phase: 'install' })
  const argv = [python, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off']
  argv.push('-r', request.config.requirements as string, ...request.pipArgs)
  // In the model's directory, so that -r and --find-links paths are the model's own.
  return ports.runner.run(argv, {
    cwd: request.modelDir,
    env: { ...env, PIP_NO_INPUT: '1' },
    timeoutMs: remaining(request.deadline, ports.now),
    onOutput: (line) => ports.logger.info(line)
  })
}

/** Where and with what a model's own commands (train, evaluate, monitor) run. */
export interface ModelCommandContext {
  python: PythonSetup
  /** The model's folder. */
  cwd: string
  env: Record<string, string>
  /** When the model's timeout runs out (epoch milliseconds). */
  deadline: number
  tailLines: number
}

/**
 * The variables a model's command sees: the job's, the Python set-up's, and model-ci's
 * (`MODEL_CI_MODEL`, `MODEL_CI_MODEL_DIR`, `MODEL_CI_SHA`, then `variables`, which say what this
 * command is for: its output, data and metrics file).
 */
export function modelCommandEnv(
  base: Record<string, string>,
  python: PythonSetup,
  model: { name: string; dir: string; sha: string },
  variables: Record<string, string>
): Record<string, string> {
  return { ...base, ...python.env, PYTHONUNBUFFERED: '1', MODEL_CI_MODEL: model.name, MODEL_CI_MODEL_DIR: model.dir, MODEL_CI_SHA: model.sha, ...variables }
}

/** Runs one of the model's commands (argument lists, no shell; `python` and `python3` are the set-up's interpreter) within its deadline. */
export function runModelCommand(ports: Pick<PythonEnvPorts, 'runner' | 'logger' | 'now'>, context: ModelCommandContext, argv: readonly string[]): Promise<RunResult> {
  const command = argv[0] === 'python' || argv[0] === 'python3' ? [context.python.python, ...argv.slice(1)] : [...argv]
  return ports.runner.run(command, {
    cwd: context.cwd,
    env: context.env,
    timeoutMs: remaining(context.deadline, ports.now),
    tailLines: context.tailLines,
    onOutput: (line) => ports.logger.info(line)
  })
}

export function succeeded(run: RunResult): boolean {
  return run.exitCode === 0 && !run.timedOut
}

/** Milliseconds left until `deadline` (at least one second, so that a late step still starts). */
export function remaining(deadline: number, now: () => Date): number {
  return Math.max(1000, deadline - now().getTime())
}
