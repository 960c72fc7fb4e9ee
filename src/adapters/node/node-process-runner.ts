import { spawn, type ChildProcess } from 'node:child_process'
import { statSync } from 'node:fs'
import type { Readable } from 'node:stream'
import type { ProcessRunner, RunOptions, RunResult } from '../../ports/process-runner.js'
import { guardWhileRunning, resendIfUnhandled } from './interrupt-guard.js'
import { OutputLines } from './output-lines.js'
import { groupHasLiveMembers, signalGroup, terminateGroup } from './process-group.js'
import { TailBuffer } from './tail-buffer.js'

const DEFAULT_TAIL_LINES = 50
const DEFAULT_KILL_GRACE_MS = 5000
/**
 * Once the group is gone, how long to wait for the pipes to close. Only a process that left the
 * group (setsid, a daemon) can still hold them; its output after this is not the command's.
 */
const PIPE_DRAIN_MS = 250
/** The longest delay setTimeout keeps (about 24.8 days); past it, Node fires the timer at once. */
const MAX_TIMER_MS = 2 ** 31 - 1

export interface NodeProcessRunnerOptions {
  /** Time between SIGTERM and SIGKILL when a process group is stopped (default 5 s). */
  killGraceMs?: number
}

/**
 * Runs commands as child processes without a shell. Each child leads its own process group, so
 * the whole tree it starts (worker processes, `sh -c` pipelines) is stopped with it: at the
 * timeout, when this process is interrupted, and when the child exits leaving processes behind.
 * stdin is closed: nothing can answer a prompt in CI.
 */
export class NodeProcessRunner implements ProcessRunner {
  private readonly killGraceMs: number

  constructor(options: NodeProcessRunnerOptions = {}) {
    this.killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS
  }

  async run(argv: string[], options: RunOptions): Promise<RunResult> {
    const [command, ...args] = argv
    if (command === undefined) throw new TypeError('ProcessRunner.run needs a command to run, got an empty argv')
    const startedAt = performance.now()
    const tail = new TailBuffer(options.tailLines ?? DEFAULT_TAIL_LINES)
    const emit = (line: string): void => {
      tail.push(line)
      options.onOutput?.(line)
    }
    const result = (exitCode: number | null, signal: string | null, timedOut: boolean): RunResult => ({
      exitCode,
      signal,
      timedOut,
      durationMs: performance.now() - startedAt,
      tail: tail.lines()
    })
    const cannotRun = (error: NodeJS.ErrnoException): RunResult => {
      emit(`cannot run "${command}": ${startFailureReason(error, options.cwd)}`)
      return result(null, null, false)
    }

    let child: ChildProcess
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env,
        shell: false,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe']
      })
    } catch (error) {
      // Most start failures arrive as an 'error' event; a few (E2BIG, EPERM) are thrown here.
      if (isSystemError(error)) return cannotRun(error)
      throw error
    }
    const startError = await started(child)
    if (startError) return cannotRun(startError)

    const groupId = child.pid as number
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal }))
    )
    const stdout = readLines(child.stdout as Readable, emit)
    const stderr = readLines(child.stderr as Readable, emit)

    let stopping: Promise<void> | undefined
    const stop = (signal: NodeJS.Signals): Promise<void> =>
      (stopping ??= terminateGroup(groupId, signal, this.killGraceMs))
    let timedOut = false
    const cancelTimeout =
      options.timeoutMs === undefined
        ? undefined
        : afterDelay(options.timeoutMs, () => {
            timedOut = true
            void stop('SIGTERM')
          })
    let interruptedBy: NodeJS.Signals | undefined
    const release = guardWhileRunning({
      interrupt: (signal) => {
        interruptedBy ??= signal
        void stop(signal)
      },
      killNow: () => signalGroup(groupId, 'SIGKILL')
    })

    try {
      const { code, signal } = await exited
      cancelTimeout?.() // the timeout is for the command, not for stopping what it left behind
      // The run ends with its main process: whatever it left running in its group is stopped,
      // so nothing outlives the step or keeps the output pipes open.
      await (groupHasLiveMembers(groupId) ? stop('SIGTERM') : stopping)
      await closedWithin([stdout.closed, stderr.closed], PIPE_DRAIN_MS)
      stdout.finish()
      stderr.finish()
      return result(code, signal, timedOut)
    } finally {
      release()
      if (interruptedBy !== undefined) resendIfUnhandled(interruptedBy)
    }
  }
}

/** Resolves with the error when the child could not start, with undefined once it runs. */
function started(child: ChildProcess): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    child.once('spawn', () => resolve(undefined))
    // Also keeps a later 'error' (none is expected: no IPC, no child.kill) from crashing the process.
    child.on('error', (error: NodeJS.ErrnoException) => resolve(error))
  })
}

interface LineReader {
  /** Resolves when the stream has ended or closed. */
  closed: Promise<void>
  /** Stops reading (a process outside the group may still hold the pipe) and flushes the last partial line. */
  finish(): void
}

function readLines(stream: Readable, emit: (line: string) => void): LineReader {
  const lines = new OutputLines(emit)
  let flushed = false
  const flush = (): void => {
    if (flushed) return
    flushed = true
    lines.end()
  }
  stream.on('data', (chunk: Buffer) => lines.write(chunk))
  const closed = new Promise<void>((resolve) => {
    stream.once('end', () => {
      flush()
      resolve()
    })
    stream.once('close', () => resolve())
  })
  return {
    closed,
    finish: () => {
      stream.destroy()
      flush()
    }
  }
}

async function closedWithin(streams: Promise<void>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([Promise.all(streams), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error
}

function startFailureReason(error: NodeJS.ErrnoException, cwd: string): string {
  if (!isDirectory(cwd)) return `its working directory ${cwd} does not exist or is not a directory`
  switch (error.code) {
    case 'ENOENT':
      return 'no such file (not found on PATH, or a script whose #! interpreter is missing)'
    case 'EACCES':
      return 'permission denied (is the file executable?)'
    default:
      return error.message
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/**
 * Calls `callback` after `ms`, which may be longer than setTimeout can wait (a timeout-minutes of
 * weeks): a long delay is waited out in steps. Returns the function that cancels it.
 */
function afterDelay(ms: number, callback: () => void): () => void {
  const due = Date.now() + ms
  let timer: NodeJS.Timeout
  const wait = (): void => {
    const left = due - Date.now()
    timer = left > MAX_TIMER_MS ? setTimeout(wait, MAX_TIMER_MS) : setTimeout(callback, left)
  }
  wait()
  return () => clearTimeout(timer)
}
