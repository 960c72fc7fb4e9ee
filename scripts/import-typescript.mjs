// Node 20 cannot run TypeScript, so scripts that need a TypeScript module of this repository bundle
// it with esbuild first. The bundle keeps its packages as imports and is written inside the
// repository (node_modules/.cache), where node_modules resolves them.
import { build } from 'esbuild'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Imports `entry` (a .ts path under `repoRoot`) and returns its exports. */
export async function importTypeScript(repoRoot, entry) {
  const { outputFiles } = await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning'
  })
  const cacheDir = join(repoRoot, 'node_modules', '.cache', 'model-ci')
  // One file per process, so two scripts at once do not import each other's half-written bundle.
  const bundleFile = join(cacheDir, `${basename(entry, '.ts')}-${process.pid}.mjs`)
  await mkdir(cacheDir, { recursive: true })
  await writeFile(bundleFile, outputFiles[0].contents)
  try {
    return await import(pathToFileURL(bundleFile).href)
  } finally {
    await rm(bundleFile, { force: true })
  }
}
