import { appendFileSync } from 'node:fs'

/**
 * Appends Markdown to the job's summary, as `core.summary.addRaw(markdown).write()` does, but with
 * one synchronous write: core's asynchronous file calls start Node's thread pool, which costs a
 * command as quick as detect a noticeable part of its time.
 */
export function appendStepSummary(markdown: string): void {
  const path = process.env.GITHUB_STEP_SUMMARY
  if (!path) {
    throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.')
  }
  appendFileSync(path, markdown)
}
