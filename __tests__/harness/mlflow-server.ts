/**
 * A real `mlflow server` from the test venv, for the suites that talk to MLflow: a SQLite store
 * and proxied artifacts in a temp folder, on a free port of 127.0.0.1, in its own process group.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { terminateGroup } from '../../src/adapters/node/process-group.js'
import { requireTestPython } from './python.js'

const START_TIMEOUT_MS = 120_000
const STOP_GRACE_MS = 10_000

export interface MlflowTestServer {
  /** http://127.0.0.1:<port> */
  uri: string
  /** The temp folder: mlflow.db, artifacts/, home/, server.log. */
  dir: string
  /** Ends the server's process group and waits until it is gone. */
  stop(): Promise<void>
  /** Starts it again on the same port and the same store (after stop). */
  start(): Promise<void>
  /** The last lines of the server's log. */
  logTail(lines?: number): string
  /** The environment the server runs with, for MLflow clients that should see the same (PATH, HOME). */
  env: Record<string, string>
  /** Stops it and removes its folder. */
  dispose(): Promise<void>
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port from the kernel')
  return address.port
}

export async function startMlflowServer(): Promise<MlflowTestServer> {
  const python = requireTestPython()
  const dir = mkdtempSync(join(tmpdir(), 'model-ci-mlflow-'))
  const home = join(dir, 'home')
  mkdirSync(home)
  mkdirSync(join(dir, 'artifacts'))
  const logFile = join(dir, 'server.log')
  const port = await freePort()
  const uri = `http://127.0.0.1:${port}`
  // Nothing of the parent's MLFLOW_* (a developer's tracking URI or token) reaches the server.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    // The job runner (huey workers for MLflow's GenAI jobs) is several more Python processes
    // that these tests never use.
    MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false'
  }
  const args = [
    '-m',
    'mlflow',
    'server',
    '--backend-store-uri',
    `sqlite:///${join(dir, 'mlflow.db')}`,
    '--serve-artifacts',
    '--artifacts-destination',
    join(dir, 'artifacts'),
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--workers',
    '1'
  ]
  let child: ChildProcess | undefined
  let exited: Promise<void> | undefined

  const logTail = (lines = 30): string => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
    } catch {
      return '(no log)'
    }
  }

  const stop = async (): Promise<void> => {
    const running = child
    if (running?.pid === undefined) return
    child = undefined
    await terminateGroup(running.pid, 'SIGTERM', STOP_GRACE_MS)
    await exited
  }

  const start = async (): Promise<void> => {
    if (child !== undefined) throw new Error('the MLflow test server is already running')
    const log = openSync(logFile, 'a')
    try {
      child = spawn(python, args, { cwd: dir, env, detached: true, stdio: ['ignore', log, log] })
    } finally {
      closeSync(log)
    }
    const started = child
    let exitCode: number | string | null | undefined
    exited = new Promise((resolve) => {
      started.once('exit', (code, signal) => {
        exitCode = code ?? signal
        resolve()
      })
      started.once('error', (error) => {
        exitCode = error.message
        resolve()
      })
    })
    const deadline = Date.now() + START_TIMEOUT_MS
    while (Date.now() < deadline) {
      if (exitCode !== undefined) {
        child = undefined
        throw new Error(`mlflow server ended (${exitCode}) before answering /health; its log ends:\n${logTail()}`)
      }
      try {
        const response = await fetch(`${uri}/health`, { signal: AbortSignal.timeout(2000) })
        await response.arrayBuffer()
        if (response.status === 200) return
      } catch {
        // not listening yet
      }
      await sleep(250)
    }
    await stop()
    throw new Error(`mlflow server did not answer ${uri}/health within ${START_TIMEOUT_MS / 1000} s; its log ends:\n${logTail()}`)
  }

  const dispose = async (): Promise<void> => {
    await stop()
    rmSync(dir, { recursive: true, force: true })
  }

  try {
    await start()
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return { uri, dir, stop, start, logTail, env, dispose }
}
