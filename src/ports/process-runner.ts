/** How to run one command. */
export interface RunOptions {
  /** Working directory of the child. */
  cwd: string
  /** The full environment of the child: the caller merges process.env in when it wants it. */
  env: Record<string, string>
  /** At this limit the whole process tree is killed and the result says `timedOut`. */
  timeoutMs?: number
  /** Each line of stdout and stderr, interleaved as it arrives (for streaming to the log). */
  onOutput?: (line: string) => void
  /** How many of the last lines of output the result keeps (default 50). */
  tailLines?: number
}

export interface RunResult {
  /** The exit code, or null when the process was ended by a signal or could not start. */
  exitCode: number | null
  /** The signal that ended the process (`SIGTERM`, `SIGKILL`, ...), or null. */
  signal: string | null
  /** The timeout was reached and the process tree was killed. */
  timedOut: boolean
  durationMs: number
  /** The last `tailLines` lines of combined stdout and stderr. */
  tail: string[]
}

/**
 * Runs the user's commands (pip install, training, evaluation) from an argument list, never a
 * shell string. A command that cannot start resolves with both `exitCode` and `signal` null and
 * a tail line that says why; it does not throw.
 */
export interface ProcessRunner {
  run(argv: string[], options: RunOptions): Promise<RunResult>
}
