// Wall-time measurement of whole processes, the way DESIGN.md section 8 states its budgets.
import { spawnSync } from 'node:child_process'

const MAX_OUTPUT_BYTES = 256 * 1024 * 1024

/**
 * Runs `file` with `args` (an argument list, never a shell string) to completion and returns the wall time
 * in seconds with what the process printed and how it ended. Spawn failures and timeouts come back in
 * `error`; nothing here throws for a process that fails.
 */
export function timeProcess(file, args, options = {}) {
  const start = process.hrtime.bigint()
  const result = spawnSync(file, args, { encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES, ...options })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  return {
    seconds,
    status: result.status,
    signal: result.signal,
    error: result.error,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? ''
  }
}

/** Like timeProcess, but a process that does not exit 0 is an error: for the reference commands. */
export function timeCommand(file, args, options = {}) {
  const run = timeProcess(file, args, options)
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : `exit ${run.status ?? run.signal}`
    throw new Error(`${[file, ...args].join(' ')} failed (${why}): ${tail(run.stderr, 5)}`)
  }
  return run.seconds
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Calls `measureOnce` (which returns seconds) `warmups` times untimed, then `runs` times; median of those. */
export function sampleMedian(measureOnce, { runs, warmups = 1 }) {
  for (let i = 0; i < warmups; i++) measureOnce()
  const samples = Array.from({ length: runs }, () => measureOnce())
  return { median: median(samples), samples }
}

const MAX_LINE_CHARS = 300

/** The last `lines` non-empty lines of `text`, each cut to a readable length, for showing why a process failed. */
export function tail(text, lines) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-lines)
    .map((line) => (line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… (${line.length} characters)` : line))
    .join('\n')
}
