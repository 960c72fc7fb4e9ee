import * as jsYaml from 'js-yaml'
import { CORE_SCHEMA, YAMLException, load, type Type } from 'js-yaml'
import { UserError } from '../../errors.js'

// js-yaml exports its built-in types, but @types/js-yaml does not declare them.
const { merge } = (jsYaml as unknown as { types: { merge: Type } }).types

// YAML 1.2's core schema, so `python: 2024-01-01` stays text rather than becoming a date, plus
// merge keys (`<<: *shared`), which people use to share a block between entries.
const CONFIG_YAML_SCHEMA = CORE_SCHEMA.extend({ implicit: [merge] })

/** The value of a YAML document; a syntax error is a UserError naming the file, line and column. */
export function loadYaml(text: string, file: string): unknown {
  try {
    return load(text, { schema: CONFIG_YAML_SCHEMA, filename: file })
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error
    const reason = error.reason.replace(/\s+/g, ' ').trim()
    // @types/js-yaml declares `mark` always set, but an error about the whole stream (a second
    // document) has none.
    const mark = error.mark as typeof error.mark | undefined
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : ''
    throw new UserError(`${file}: invalid YAML${where}: ${reason}`, { file, cause: error })
  }
}
