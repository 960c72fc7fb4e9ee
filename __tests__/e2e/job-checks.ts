/**
 * The checks on a step's result that every end-to-end suite makes, whatever the command: the log
 * to show when a step did not end as expected, and what a failure a user can act on looks like.
 */
import { expect } from '@jest/globals'
import type { JobResult } from '../harness/job-runner.js'

/** A stack frame as Node prints one: a failure that shows it is a crash, not a reported error. */
const STACK_FRAME = /^\s+at (.+ \()?\S+:\d+:\d+\)?$/m

/**
 * stderr without Node's deprecation warning for `Buffer()`, which the artifact client's unzip
 * dependency triggers on every download: not model-ci's to fix, and harmless.
 */
export function withoutDeprecationWarnings(stderr: string): string {
  return stderr.replace(/^\(node:\d+\) \[DEP0005\] DeprecationWarning: Buffer\(\) is deprecated.*\n(\(Use `node --trace-deprecation .*\n)?/m, '')
}

/** The step's log, for a failing expectation to show. */
export function logOf(job: JobResult): string {
  return `exit ${job.exitCode}\n--- stdout\n${job.stdout}\n--- stderr\n${job.stderr}`
}

/**
 * A step that failed the way a user can act on: exit code 1, exactly one error annotation, on one
 * line, and no stack trace anywhere in the log. Returns the annotation's message.
 */
export function expectOneLineError(job: JobResult): string {
  const message = expectOneError(job)
  expect(message).not.toContain('\n')
  return message
}

/**
 * A step that failed the way a user can act on, with a cause to show under the error's line:
 * exit code 1 and exactly one error annotation, whose message is one line, optionally followed by
 * a few indented lines (the cause), and no stack trace anywhere in the log. Returns the message as
 * the runner shows it (line breaks decoded).
 */
export function expectOneError(job: JobResult): string {
  const errors = job.annotations.filter((annotation) => annotation.level === 'error')
  if (job.exitCode !== 1 || errors.length !== 1) throw new Error(`expected exit 1 and exactly one error annotation\n${logOf(job)}`)
  const [, ...cause] = errors[0].message.split('\n')
  for (const line of cause) expect(line).toMatch(/^ {2}\S/)
  expect(`${job.stdout}\n${job.stderr}`).not.toMatch(STACK_FRAME)
  return errors[0].message
}
