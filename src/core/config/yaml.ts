import * as jsYaml from 'js-yaml'
import { CORE_SCHEMA, YAMLException, load, type Type } from 'js-yaml'
import { UserError } from '../../errors.js'
import { parserMessage } from '../untrusted-text.js'

// js-yaml exports its built-in types, but @types/js-yaml does not declare them.
const { merge } = (jsYaml as unknown as { types: { merge: Type } }).types

// YAML 1.2's core schema, so `python: 2024-01-01` stays text rather than becoming a date (and
// `.nan` and `.inf` are still known, which the metrics reader refuses by name), plus merge keys
// (`<<: *shared`), which people use to share a block between entries.
const CONFIG_YAML_SCHEMA = CORE_SCHEMA.extend({ implicit: [merge] })

/** The value of a YAML document (a config or metrics file); a syntax error is a UserError naming the file, line and column. */
export function loadYaml(text: string, file: string): unknown {
  try {
    return load(text, { schema: CONFIG_YAML_SCHEMA, filename: file })
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error
    const reason = parserMessage(error.reason)
    // @types/js-yaml declares `mark` always set, but an error about the whole stream (a second
    // document) has none.
    const mark = error.mark as typeof error.mark | undefined
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : ''
    throw new UserError(`${file}: invalid YAML${where}: ${reason}`, { file, cause: error })
  }
}
