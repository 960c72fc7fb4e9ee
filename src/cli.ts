#!/usr/bin/env node
// The `model-ci` command (package.json's bin, bundled to dist/cli.js): local mode, see src/cli/usage.ts.
import { main } from './cli/main.js'

process.exitCode = await main(process.argv.slice(2))
