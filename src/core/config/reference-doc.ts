// Build-time only, like json-schema.ts: renders docs/configuration.md from the JSON Schemas, so the
// reference a user reads says exactly what the parser accepts. The drift test in
// __tests__/core/config.test.ts fails when the committed page is stale (`npm run schema`).

interface SchemaNode {
  description?: string
  type?: string | string[]
  enum?: unknown[]
  default?: unknown
  anyOf?: SchemaNode[]
  items?: SchemaNode
  properties?: Record<string, SchemaNode>
  additionalProperties?: boolean | SchemaNode
  exclusiveMinimum?: number
  pattern?: string
}

interface Row {
  key: string
  type: string
  defaultValue: string
  description: string
}

/** The non-null alternatives of a node (every key may also be written as `null`, meaning the default). */
function alternatives(node: SchemaNode): SchemaNode[] {
  const options = node.anyOf ?? [node]
  return options.filter((option) => option.type !== 'null')
}

function typeName(node: SchemaNode): string {
  if (node.enum) return node.enum.map((value) => `\`${String(value)}\``).join(' or ')
  const types = (Array.isArray(node.type) ? node.type : [node.type ?? 'object']).filter((type) => type !== 'null')
  const names = types.map((type) => {
    if (type === 'array') return `list of ${node.items ? alternatives(node.items).map(typeName).join(' or ') : 'values'}`
    if (type === 'number' && node.exclusiveMinimum !== undefined) return `number > ${node.exclusiveMinimum}`
    if (type === 'string' && node.pattern?.includes('%')) return '`"N%"`'
    if (type === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object') return 'map'
    return type
  })
  return names.join(' or ')
}

function rowsOf(properties: Record<string, SchemaNode>, prefix: string): Row[] {
  const rows: Row[] = []
  for (const [key, property] of Object.entries(properties)) {
    const path = `${prefix}${key}`
    const options = alternatives(property)
    rows.push({
      key: `\`${path}\``,
      type: [...new Set(options.map(typeName))].join(' or '),
      defaultValue: property.default === undefined ? '' : `\`${JSON.stringify(property.default)}\``,
      description: property.description ?? ''
    })
    for (const option of options) {
      if (option.properties) rows.push(...rowsOf(option.properties, `${path}.`))
      const entry = typeof option.additionalProperties === 'object' ? option.additionalProperties : undefined
      const entryObject = entry && alternatives(entry).find((candidate) => candidate.properties)
      if (entryObject?.properties) rows.push(...rowsOf(entryObject.properties, `${path}.<name>.`))
    }
  }
  return rows
}

function table(rows: Row[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  return [
    '| key | type | default | meaning |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.key} | ${cell(row.type)} | ${cell(row.defaultValue)} | ${cell(row.description)} |`)
  ].join('\n')
}

/** docs/configuration.md: one table per file, every key with its type, default and meaning. */
export function configurationReference(repoSchema: object, modelSchema: object): string {
  const repo = repoSchema as SchemaNode
  const model = modelSchema as SchemaNode
  return [
    '<!-- Generated from schemas/*.json by `npm run schema`; do not edit by hand. -->',
    '# Configuration reference',
    '',
    'Every key is optional; `null` means the default. An unknown key is an error that names the key and the file.',
    'Editors validate both files with the JSON Schemas in [`schemas/`](../schemas/).',
    '',
    '## `model-ci.yml`',
    '',
    repo.description ?? '',
    '',
    table(rowsOf(repo.properties ?? {}, '')),
    '',
    '## `models/<name>/model.yml`',
    '',
    model.description ?? '',
    '',
    table(rowsOf(model.properties ?? {}, '')),
    ''
  ].join('\n')
}
