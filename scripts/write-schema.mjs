// Writes the JSON Schemas of model-ci.yml and model.yml (schemas/*.json) from the zod definitions
// in src/core/config. Run after changing the definitions: `npm run schema`. A unit test fails when
// the committed files are stale.
//
// Node 20 cannot run TypeScript, so esbuild bundles the generator first. The bundle keeps its
// packages (zod) as imports and is written inside the repository, where node_modules resolves them.
import { build } from 'esbuild'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const cacheDir = join(root, 'node_modules', '.cache', 'model-ci')
// One file per run, so two runs at once do not import each other's half-written bundle.
const bundleFile = join(cacheDir, `write-schema-${process.pid}.mjs`)

const { outputFiles } = await build({
  entryPoints: [join(root, 'src/core/config/json-schema.ts')],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning'
})

await mkdir(cacheDir, { recursive: true })
await writeFile(bundleFile, outputFiles[0].contents)
try {
  const { jsonSchemaFiles } = await import(pathToFileURL(bundleFile).href)
  for (const { path, content } of jsonSchemaFiles()) {
    await writeFile(join(root, path), content)
    console.log(`wrote ${path}`)
  }
} finally {
  await rm(bundleFile, { force: true })
}
