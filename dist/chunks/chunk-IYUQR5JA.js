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

// src/core/config/flat-yaml.ts
function readFlatYaml(text) {
  if (!PRINTABLE_LINES.test(text)) return void 0;
  const mapping = {};
  const keys = /* @__PURE__ */ new Set();
  let open;
  const close = /* @__PURE__ */ __name(() => {
    if (open) mapping[open.key] = open.items.length > 0 ? open.items : null;
    open = void 0;
  }, "close");
  for (const line of text.split("\n")) {
    if (BLANK_OR_COMMENT.test(line)) continue;
    const item = ITEM_LINE.exec(line);
    if (item) {
      const indent = item[1].length;
      if (!open || open.items.length > 0 && indent !== open.indent) return void 0;
      const value2 = scalar(item[2]);
      if (value2 === void 0) return void 0;
      open.indent = indent;
      open.items.push(value2);
      continue;
    }
    const entry = KEY_LINE.exec(line);
    if (!entry) return void 0;
    close();
    const [, key, written] = entry;
    if (keys.has(key)) return void 0;
    keys.add(key);
    if (written === void 0) {
      open = { key, items: [], indent: 0 };
      continue;
    }
    const value = written.startsWith("[") ? flowList(written) : scalar(written);
    if (value === void 0) return void 0;
    mapping[key] = value;
  }
  close();
  return keys.size > 0 ? mapping : void 0;
}
__name(readFlatYaml, "readFlatYaml");
var PRINTABLE_LINES = /^[\x20-\x7e\n]*$/;
var BLANK_OR_COMMENT = /^ *(?:#.*)?$/;
var KEY_LINE = /^([a-z][a-z0-9-]*):(?: +([^ #][^#]*?))? *(?: #.*)?$/;
var ITEM_LINE = /^( *)- +([^ #][^#]*?) *(?: #.*)?$/;
var WORD = "[A-Za-z][A-Za-z0-9_./*+=@-]*";
var WORDS = new RegExp(`^${WORD}(?: ${WORD.replace("[A-Za-z]", "[A-Za-z0-9_./*+=@-]")})*$`);
var FLOW_LIST = new RegExp(`^\\[ *(?:${WORD}(?: *, *${WORD})*)? *\\]$`);
var WHOLE_NUMBER = /^(?:0|[1-9][0-9]{0,14})$/;
var NOT_A_STRING = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
function scalar(written) {
  if (WHOLE_NUMBER.test(written)) return Number(written);
  return WORDS.test(written) && !NOT_A_STRING.test(written) ? written : void 0;
}
__name(scalar, "scalar");
function flowList(written) {
  if (!FLOW_LIST.test(written)) return void 0;
  const items = written.slice(1, -1).split(",").map((item) => item.trim()).filter((item) => item !== "");
  return items.some((item) => NOT_A_STRING.test(item)) ? void 0 : items;
}
__name(flowList, "flowList");

// src/core/config/yaml.ts
var { merge } = types;
var CONFIG_YAML_SCHEMA = CORE_SCHEMA.extend({ implicit: [merge] });
function loadYaml(text, file) {
  const flat = readFlatYaml(text);
  if (flat !== void 0) return flat;
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
