// Writes the JSON Schemas of model-ci.yml and model.yml (schemas/*.json) from the zod definitions
// in src/core/config. Run after changing the definitions: `npm run schema`. A unit test fails when
// the committed files are stale.
import { writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importTypeScript } from './import-typescript.mjs'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const { jsonSchemaFiles } = await importTypeScript(root, 'src/core/config/json-schema.ts')
for (const { path, content } of jsonSchemaFiles()) {
  await writeFile(join(root, path), content)
  console.log(`wrote ${path}`)
}
