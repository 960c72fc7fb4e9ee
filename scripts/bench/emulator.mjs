// The GitHub emulator of the tests (__tests__/emulator, TypeScript), started in this process for the
// benchmarks that need GitHub's artifact and cache services. Node 20 cannot run TypeScript, so esbuild
// bundles it first, as scripts/write-schema.mjs does; the emulator uses only Node's own modules.
//
// It answers on this process's event loop: time the action with an asynchronous spawn, never spawnSync.
import { build } from 'esbuild'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Starts the emulator (`startEmulator(options)` of __tests__/emulator/index.ts); `close()` it when done. */
export async function startBundledEmulator(repoRoot, options) {
  const { outputFiles } = await build({
    entryPoints: [join(repoRoot, '__tests__', 'emulator', 'index.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning'
  })
  const cacheDir = join(repoRoot, 'node_modules', '.cache', 'model-ci')
  // One file per process, so two benchmarks at once do not import each other's half-written bundle.
  const bundleFile = join(cacheDir, `bench-emulator-${process.pid}.mjs`)
  await mkdir(cacheDir, { recursive: true })
  await writeFile(bundleFile, outputFiles[0].contents)
  try {
    const { startEmulator } = await import(pathToFileURL(bundleFile).href)
    return await startEmulator(options)
  } finally {
    await rm(bundleFile, { force: true })
  }
}
