#!/usr/bin/env node
// The `model-ci` command (package.json's bin, bundled to dist/cli.js): local mode, see src/cli/usage.ts.
import { main } from './cli/main.js'

/** The status a shell gives a command that SIGPIPE ended (128 + 13), as git's `git log | head -1` has. */
const EXIT_BROKEN_PIPE = 141

// Whoever read the output has stopped (`model-ci report | head -5`): there is no one left to tell
// anything, so end quietly rather than with an unhandled EPIPE's stack trace. Node ignores SIGPIPE,
// which would have ended git the same way.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(EXIT_BROKEN_PIPE)
  })
}

process.exitCode = await main(process.argv.slice(2))
