// Build-time only: scripts/write-schema.mjs and the drift test import this file directly. It is not
// re-exported from src/core/config.ts, so the action's bundle never carries zod's JSON Schema
// generator.
import * as z from 'zod/mini'
import { configurationReference } from './reference-doc.js'
import { modelFileSchema, repoFileSchema } from './schemas.js'

type JsonSchema = z.core.JSONSchema.BaseSchema

/** zod leaves out a `default` set in the metadata of a schema with a transform: put it back. */
function keepMetadataDefault(context: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  const metadataDefault = z.globalRegistry.get(context.zodSchema)?.default
  if (metadataDefault !== undefined && context.jsonSchema.default === undefined) context.jsonSchema.default = metadataDefault
}

/** An optional "one or a list" key comes out as `anyOf: [{ anyOf: [one, list] }, null]`: flatten it. */
function flattenNestedAnyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flattenNestedAnyOf)
  if (typeof value !== 'object' || value === null) return value
  const result: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    result[key] =
      key === 'anyOf' && Array.isArray(child)
        ? child.flatMap((option: JsonSchema) => (option.anyOf && Object.keys(option).length === 1 ? option.anyOf : [option])).map(flattenNestedAnyOf)
        : flattenNestedAnyOf(child)
  }
  return result
}

function toJsonSchema(schema: z.ZodMiniType): object {
  // Draft-07 is the newest draft that the YAML language server (VS Code, JetBrains) fully
  // supports. The input side of the definitions is what a user writes; transforms only shape the
  // parsed result.
  const generated = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', override: keepMetadataDefault })
  const { $schema, title, description, ...rest } = flattenNestedAnyOf(generated) as JsonSchema
  // Title and description first, where a person reading the file looks.
  return { $schema, title, description, ...rest }
}

/** The JSON Schema of model-ci.yml, for editors. */
export function repoConfigJsonSchema(): object {
  return toJsonSchema(repoFileSchema)
}

/** The JSON Schema of a model's model.yml, for editors. */
export function modelConfigJsonSchema(): object {
  return toJsonSchema(modelFileSchema)
}

/** The committed files generated from the definitions (the schemas and the reference page): repository-relative path and exact content. */
export function jsonSchemaFiles(): Array<{ path: string; content: string }> {
  const repoSchema = repoConfigJsonSchema()
  const modelSchema = modelConfigJsonSchema()
  return [
    { path: 'schemas/model-ci.schema.json', content: `${JSON.stringify(repoSchema, null, 2)}\n` },
    { path: 'schemas/model.schema.json', content: `${JSON.stringify(modelSchema, null, 2)}\n` },
    { path: 'docs/configuration.md', content: configurationReference(repoSchema, modelSchema) }
  ]
}
