/**
 * The value of a YAML document written in the plain style most model.yml files use, read without
 * js-yaml, or undefined for any other document, which loadYaml then gives to js-yaml. detect reads
 * the model.yml of every model it trains: in a monorepo of 2,000 models, js-yaml takes most of its
 * time on them, and this takes a small part of that.
 *
 * Read here: a mapping at column 0 of lowercase keys (each once) whose values are
 * - a plain word or words (`ubuntu-latest`, `python src/train.py --epochs 3`), a string;
 * - a whole number (`30`);
 * - a flow list of plain words (`[accuracy, f1]`), or a block list of plain words or numbers
 *   (`- accuracy` lines under `key:`);
 * - nothing (`key:`), which is null;
 * with blank lines and comments. The words exclude what YAML's core schema reads as anything but a
 * string (`true`, `null`, `3.11`, `.inf`) and every character with a meaning in YAML, so each
 * document read here has the value js-yaml gives it (__tests__/core/flat-yaml.test.ts compares
 * them on many generated documents). Anything else, including any syntax error, is left to js-yaml.
 */
export function readFlatYaml(text: string): Record<string, unknown> | undefined {
  // Printable ASCII and newlines only: no tabs, carriage returns, byte-order marks or Unicode line breaks.
  if (!PRINTABLE_LINES.test(text)) return undefined
  const mapping: Record<string, unknown> = {}
  const keys = new Set<string>()
  // The key whose value is `key:` with nothing after it: a block list when item lines follow, else null.
  let open: { key: string; items: unknown[]; indent: number } | undefined
  const close = () => {
    if (open) mapping[open.key] = open.items.length > 0 ? open.items : null
    open = undefined
  }
  for (const line of text.split('\n')) {
    if (BLANK_OR_COMMENT.test(line)) continue
    const item = ITEM_LINE.exec(line)
    if (item) {
      const indent = item[1].length
      if (!open || (open.items.length > 0 && indent !== open.indent)) return undefined
      const value = scalar(item[2])
      if (value === undefined) return undefined
      open.indent = indent
      open.items.push(value)
      continue
    }
    const entry = KEY_LINE.exec(line)
    if (!entry) return undefined
    close()
    const [, key, written] = entry
    if (keys.has(key)) return undefined
    keys.add(key)
    if (written === undefined) {
      open = { key, items: [], indent: 0 }
      continue
    }
    const value = written.startsWith('[') ? flowList(written) : scalar(written)
    if (value === undefined) return undefined
    mapping[key] = value
  }
  close()
  return keys.size > 0 ? mapping : undefined
}

const PRINTABLE_LINES = /^[\x20-\x7e\n]*$/
const BLANK_OR_COMMENT = /^ *(?:#.*)?$/
/** `key: value  # comment`, or `key:` alone; the value is checked by scalar or flowList. */
const KEY_LINE = /^([a-z][a-z0-9-]*):(?: +([^ #][^#]*?))? *(?: #.*)?$/
/** `  - value  # comment`. */
const ITEM_LINE = /^( *)- +([^ #][^#]*?) *(?: #.*)?$/
/** Characters with no meaning in a plain scalar where they appear here; a word starts with a letter. */
const WORD = '[A-Za-z][A-Za-z0-9_./*+=@-]*'
const WORDS = new RegExp(`^${WORD}(?: ${WORD.replace('[A-Za-z]', '[A-Za-z0-9_./*+=@-]')})*$`)
const FLOW_LIST = new RegExp(`^\\[ *(?:${WORD}(?: *, *${WORD})*)? *\\]$`)
const WHOLE_NUMBER = /^(?:0|[1-9][0-9]{0,14})$/
/** Words that YAML's core schema reads as a boolean or null rather than a string. */
const NOT_A_STRING = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/

function scalar(written: string): string | number | undefined {
  if (WHOLE_NUMBER.test(written)) return Number(written)
  return WORDS.test(written) && !NOT_A_STRING.test(written) ? written : undefined
}

function flowList(written: string): string[] | undefined {
  if (!FLOW_LIST.test(written)) return undefined
  const items = written.slice(1, -1).split(',').map((item) => item.trim()).filter((item) => item !== '')
  return items.some((item) => NOT_A_STRING.test(item)) ? undefined : items
}
