// The GitHub emulator of the tests (__tests__/emulator, TypeScript), started in this process for the
// benchmarks that need GitHub's artifact and cache services; the emulator uses only Node's own modules.
//
// It answers on this process's event loop: time the action with an asynchronous spawn, never spawnSync.
import { importTypeScript } from '../import-typescript.mjs'

/** Starts the emulator (`startEmulator(options)` of __tests__/emulator/index.ts); `close()` it when done. */
export async function startBundledEmulator(repoRoot, options) {
  const { startEmulator } = await importTypeScript(repoRoot, '__tests__/emulator/index.ts')
  return startEmulator(options)
}
