// Wall-time measurement of whole processes, the way DESIGN.md section 8 states its budgets.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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

/**
 * The Node.js that runs what the benchmarks time (the actions, `node -e 0`): $MODEL_CI_BENCH_NODE
 * when set, so that one machine can measure Node 20 and Node 24 (what `runs.using: node24` gives),
 * else the Node running the benchmark.
 */
export function benchNode() {
  return process.env.MODEL_CI_BENCH_NODE || process.execPath
}

const TIME = '/usr/bin/time'

/** Whether peak memory can be measured here: GNU time reports a process's maximum resident set size. */
export function canMeasureMemory() {
  return existsSync(TIME)
}

/**
 * Runs `file` like timeProcess under GNU time, and adds `maxRssKiB`: the largest resident set of
 * the process or any child it waited for (git's, for the actions). Memory runs are separate from
 * timed ones, whose wall time the extra process would blur.
 */
export function memoryOfProcess(file, args, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'model-ci-bench-time-'))
  try {
    const report = join(dir, 'time')
    const run = timeProcess(TIME, ['-f', '%M', '-o', report, file, ...args], options)
    const kib = Number(readFileSync(report, 'utf8').trim().split('\n').pop())
    return { ...run, maxRssKiB: Number.isFinite(kib) ? kib : undefined }
  } finally {
    rmSync(dir, { recursive: true, force: true })
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
