import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  CORE_SCHEMA,
  YAMLException,
  load,
  types
} from "./chunk-C7AT6DMJ.js";
import {
  UserError,
  parserMessage
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/config/yaml.ts
var { merge } = types;
var CONFIG_YAML_SCHEMA = CORE_SCHEMA.extend({ implicit: [merge] });
function loadYaml(text, file) {
  try {
    return load(text, { schema: CONFIG_YAML_SCHEMA, filename: file });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const reason = parserMessage(error.reason);
    const mark = error.mark;
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : "";
    throw new UserError(`${file}: invalid YAML${where}: ${reason}`, { file, cause: error });
  }
}
__name(loadYaml, "loadYaml");

export {
  loadYaml
};
