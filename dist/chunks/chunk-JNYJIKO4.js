import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  MODEL_NAME_PATTERN
} from "./chunk-FTQVXRRL.js";
import {
  DEFAULT_OUTPUT,
  DEFAULT_REQUIREMENTS,
  DEFAULT_TRAIN_COMMAND,
  METRICS_FILE_NAME,
  defaultRepoConfig
} from "./chunk-P3HCSURS.js";
import {
  MODEL_CONFIG_FILE
} from "./chunk-CN6ZETB5.js";
import {
  UserError
} from "./chunk-MBAQQDDT.js";
import {
  __commonJS,
  __name,
  __toESM
} from "./chunk-752PIHHL.js";

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path, { windows } = {}) => {
      const segs = path.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = /* @__PURE__ */ __name((code) => {
      return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
    }, "isPathSeparator");
    var depth = /* @__PURE__ */ __name((token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    }, "depth");
    var scan = /* @__PURE__ */ __name((input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = /* @__PURE__ */ __name(() => index >= length, "eos");
      const peek = /* @__PURE__ */ __name(() => str.charCodeAt(index + 1), "peek");
      const advance = /* @__PURE__ */ __name(() => {
        prev = code;
        return str.charCodeAt(++index);
      }, "advance");
      while (index < length) {
        code = advance();
        let next;
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code = advance();
          if (code === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code === CHAR_PLUS || code === CHAR_AT || code === CHAR_ASTERISK || code === CHAR_QUESTION_MARK || code === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code = advance())) {
                if (code === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code = advance())) {
              if (code === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    }, "scan");
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = /* @__PURE__ */ __name((args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    }, "expandRange");
    var syntaxError = /* @__PURE__ */ __name((type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    }, "syntaxError");
    var splitTopLevel = /* @__PURE__ */ __name((input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    }, "splitTopLevel");
    var isPlainBranch = /* @__PURE__ */ __name((branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    }, "isPlainBranch");
    var normalizeSimpleBranch = /* @__PURE__ */ __name((branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    }, "normalizeSimpleBranch");
    var hasRepeatedCharPrefixOverlap = /* @__PURE__ */ __name((branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    }, "hasRepeatedCharPrefixOverlap");
    var parseRepeatedExtglob = /* @__PURE__ */ __name((pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    }, "parseRepeatedExtglob");
    var buildCharClassStar = /* @__PURE__ */ __name((chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    }, "buildCharClassStar");
    var getStarExtglobSequenceChars = /* @__PURE__ */ __name((pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    }, "getStarExtglobSequenceChars");
    var repeatedExtglobRecursion = /* @__PURE__ */ __name((pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    }, "repeatedExtglobRecursion");
    var analyzeRepeatedExtglob = /* @__PURE__ */ __name((body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal = normalizeSimpleBranch(branch);
        if (literal && literal.length === 1) {
          safeChars.push(literal);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    }, "analyzeRepeatedExtglob");
    var parse = /* @__PURE__ */ __name((input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants.globChars(opts.windows);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = /* @__PURE__ */ __name((opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      }, "globstar");
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = /* @__PURE__ */ __name(() => state.index === len - 1, "eos");
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = /* @__PURE__ */ __name(() => input.slice(state.index + 1), "remaining");
      const consume = /* @__PURE__ */ __name((value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      }, "consume");
      const append = /* @__PURE__ */ __name((token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      }, "append");
      const negate = /* @__PURE__ */ __name(() => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      }, "negate");
      const increment = /* @__PURE__ */ __name((type) => {
        state[type]++;
        stack.push(type);
      }, "increment");
      const decrement = /* @__PURE__ */ __name((type) => {
        state[type]--;
        stack.pop();
      }, "decrement");
      const push = /* @__PURE__ */ __name((tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      }, "push");
      const extglobOpen = /* @__PURE__ */ __name((type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      }, "extglobOpen");
      const extglobClose = /* @__PURE__ */ __name((token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal;
          open.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      }, "extglobClose");
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix2 = POSIX_REGEX_SOURCE[rest2];
                if (posix2) {
                  prev.value = pre + posix2;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    }, "parse");
    parse.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = /* @__PURE__ */ __name((opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      }, "globstar");
      const create = /* @__PURE__ */ __name((str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      }, "create");
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject = /* @__PURE__ */ __name((val) => val && typeof val === "object" && !Array.isArray(val), "isObject");
    var picomatch2 = /* @__PURE__ */ __name((glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch2(input, options, returnState));
        const arrayMatcher = /* @__PURE__ */ __name((str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        }, "arrayMatcher");
        return arrayMatcher;
      }
      const isState = isObject(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix2 = opts.windows;
      const regex = isState ? picomatch2.compileRe(glob, options) : picomatch2.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = /* @__PURE__ */ __name(() => false, "isIgnored");
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch2(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = /* @__PURE__ */ __name((input, returnObject = false) => {
        const { isMatch, match, output } = picomatch2.test(input, regex, options, { glob, posix: posix2 });
        const result = { glob, state, regex, posix: posix2, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      }, "matcher");
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    }, "picomatch");
    picomatch2.test = (input, regex, options, { glob, posix: posix2 } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix2 ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch2.matchBase(input, regex, options, posix2);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch2.matchBase = (input, glob, options, posix2 = options && options.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch2.makeRe(glob, options);
      return regex.test(utils.basename(input, { windows: posix2 }));
    };
    picomatch2.isMatch = (str, patterns, options) => picomatch2(patterns, options)(str);
    picomatch2.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch2.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch2.scan = (input, options) => scan(input, options);
    picomatch2.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch2.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch2.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse(input, options);
      }
      return picomatch2.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch2.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch2.constants = constants;
    module.exports = picomatch2;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch2(glob, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob, options, returnState);
    }
    __name(picomatch2, "picomatch");
    Object.assign(picomatch2, pico);
    module.exports = picomatch2;
  }
});

// src/core/config/resolve.ts
import { posix } from "node:path";
function resolveModelConfig(repo, model, overrides, facts) {
  const output = overrides.output ?? DEFAULT_OUTPUT;
  const runsOn = overrides.runsOn ?? repo.defaults.runsOn;
  const config = {
    name: model.name,
    path: model.path,
    train: [...overrides.train ?? DEFAULT_TRAIN_COMMAND],
    output,
    metricsFile: overrides.metricsFile ?? posix.join(output, METRICS_FILE_NAME),
    runsOn: Array.isArray(runsOn) ? [...runsOn] : runsOn,
    python: overrides.python ?? repo.defaults.python,
    timeoutMinutes: overrides.timeoutMinutes ?? repo.defaults.timeoutMinutes,
    metrics: [...overrides.metrics ?? [], ...repo.metrics],
    watch: [...overrides.watch ?? []],
    cache: overrides.cache ?? true,
    venv: overrides.venv ?? true
  };
  if (overrides.evaluate) config.evaluate = [...overrides.evaluate];
  const requirements = overrides.requirements ?? (facts.hasDefaultRequirements ? DEFAULT_REQUIREMENTS : void 0);
  if (requirements !== void 0) config.requirements = requirements;
  return config;
}
__name(resolveModelConfig, "resolveModelConfig");
function withSortedKeys(value) {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (typeof value !== "object" || value === null) return value;
  const sorted = {};
  for (const key of Object.keys(value).sort()) {
    const child = value[key];
    if (child !== void 0) sorted[key] = withSortedKeys(child);
  }
  return sorted;
}
__name(withSortedKeys, "withSortedKeys");
function trainingConfigKey(config) {
  const { metrics: _judgedNotTrained, ...training } = config;
  return withSortedKeys(training);
}
__name(trainingConfigKey, "trainingConfigKey");

// src/core/fingerprint.ts
import { createHash } from "node:crypto";
var VERSION = "model-ci fingerprint 2";
function fingerprint(input) {
  const text = `${VERSION}
config ${JSON.stringify(input.trainingConfig)}
model ${input.modelTree}
${fileSection("watch", input.watchedFiles)}${fileSection("shared", input.sharedFiles)}`;
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}
__name(fingerprint, "fingerprint");
var sharedSections = /* @__PURE__ */ new WeakMap();
function fileSection(name, files) {
  const cached = name === "shared" ? sharedSections.get(files) : void 0;
  if (cached !== void 0) return cached;
  let text = `${name} ${files.length}
`;
  for (const file of sortedByPath(files)) text += `${file.mode} ${file.oid} ${file.path}\0`;
  if (name === "shared") sharedSections.set(files, text);
  return text;
}
__name(fileSection, "fileSection");
function sortedByPath(files) {
  return [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
__name(sortedByPath, "sortedByPath");
function filesMatching(files, matches) {
  const matching = [];
  for (const file of files) if (matches(file.path)) matching.push(file);
  return matching;
}
__name(filesMatching, "filesMatching");

// src/core/globs.ts
var import_picomatch = __toESM(require_picomatch2(), 1);
var NEVER = /* @__PURE__ */ __name(() => false, "NEVER");
function matchesNothing(matches) {
  return matches === NEVER;
}
__name(matchesNothing, "matchesNothing");
function compileGlobs(globs, options = { dot: true }) {
  if (globs.length === 0) return NEVER;
  const patterns = globs.map((glob) => import_picomatch.default.makeRe(glob, { dot: options.dot }));
  return patterns.length === 1 ? (path) => patterns[0].test(path) : (path) => patterns.some((pattern) => pattern.test(path));
}
__name(compileGlobs, "compileGlobs");
function compileModelDirGlobs(globs) {
  return compileGlobs(globs, { dot: false });
}
__name(compileModelDirGlobs, "compileModelDirGlobs");
function globBase(glob) {
  const scanned = import_picomatch.default.scan(glob);
  if (scanned.negated || scanned.prefix !== "") return "";
  const base = scanned.base;
  if (base === "" || base.includes("\\")) return "";
  const plain = base.split("/").every((name) => name !== "" && name !== "." && name !== "..");
  return plain ? base : "";
}
__name(globBase, "globBase");
function globBases(globs) {
  const bases = [...new Set(globs.map(globBase))].sort();
  if (bases.includes("")) return [""];
  return bases.filter((base) => !bases.some((other) => other !== base && base.startsWith(`${other}/`)));
}
__name(globBases, "globBases");

// src/core/models.ts
var RESERVED_NAMES = /* @__PURE__ */ new Set(["ledger"]);
var MARKER_FILES = [MODEL_CONFIG_FILE, "src/train.py"];
var MARKER_SUFFIXES = MARKER_FILES.map((file) => `/${file}`);
function markedModelDir(path, isModelDir) {
  for (const marker of MARKER_SUFFIXES) {
    if (path.endsWith(marker)) {
      const dir = path.slice(0, -marker.length);
      if (dir.length > 0 && isModelDir(dir)) return dir;
    }
  }
  return void 0;
}
__name(markedModelDir, "markedModelDir");
function markerFolders(paths) {
  const folders = /* @__PURE__ */ new Map();
  for (const path of paths) {
    for (const marker of MARKER_SUFFIXES) {
      if (!path.endsWith(marker) || path.length === marker.length) continue;
      const dir = path.slice(0, -marker.length);
      if (!folders.has(dir)) folders.set(dir, path);
      break;
    }
  }
  return folders;
}
__name(markerFolders, "markerFolders");
function modelsAmong(markers, isModelDir, configFile) {
  const byName = /* @__PURE__ */ new Map();
  for (const [dir, path] of markers) {
    if (!isModelDir(dir)) continue;
    const name = dir.slice(dir.lastIndexOf("/") + 1);
    if (!MODEL_NAME_PATTERN.test(name)) {
      throw new UserError(
        `${dir}: "${name}" is not a valid model name; rename the directory to start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100 characters), or exclude it from "models" in ${configFile}`,
        { file: path }
      );
    }
    if (RESERVED_NAMES.has(name)) {
      throw new UserError(
        `${dir}: "${name}" is reserved (model-ci stores its ledger as the artifact model-ci-${name}); rename the directory, or exclude it from "models" in ${configFile}`,
        { file: path }
      );
    }
    const other = byName.get(name);
    if (other) {
      throw new UserError(
        `${dir}: model name "${name}" is already used by ${other.path}; model names must be unique, so rename one of the directories or narrow "models" in ${configFile}`,
        { file: path }
      );
    }
    byName.set(name, { name, path: dir });
  }
  return [...byName.values()].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
__name(modelsAmong, "modelsAmong");

// src/repository/config-parser.ts
var loading;
function loadConfigParser() {
  if (!loading) {
    loading = import("./parse-MGVZGSSI.js");
    loading.catch(() => void 0);
  }
  return loading;
}
__name(loadConfigParser, "loadConfigParser");

// src/core/git-tree.ts
import { createHash as createHash2 } from "node:crypto";
var TREE_OBJECT_MODE = "40000";
function gitTreeId(files) {
  const root = { files: /* @__PURE__ */ new Map(), folders: /* @__PURE__ */ new Map() };
  for (const file of files) {
    let folder = root;
    const names = file.path.split("/");
    for (let i = 0; i < names.length - 1; i++) {
      let child = folder.folders.get(names[i]);
      if (!child) folder.folders.set(names[i], child = { files: /* @__PURE__ */ new Map(), folders: /* @__PURE__ */ new Map() });
      folder = child;
    }
    folder.files.set(names[names.length - 1], file);
  }
  return treeId(root).toString("hex");
}
__name(gitTreeId, "gitTreeId");
function treeId(folder) {
  const entries = [];
  for (const [name, file] of folder.files) {
    entries.push({ sortKey: Buffer.from(name), mode: file.mode, name, oid: Buffer.from(file.oid, "hex") });
  }
  for (const [name, child] of folder.folders) {
    entries.push({ sortKey: Buffer.from(`${name}/`), mode: TREE_OBJECT_MODE, name, oid: treeId(child) });
  }
  entries.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
  const body = Buffer.concat(entries.flatMap((entry) => [Buffer.from(`${entry.mode} ${entry.name}\0`), entry.oid]));
  return createHash2("sha1").update(`tree ${body.length}\0`).update(body).digest();
}
__name(treeId, "treeId");
var NOT_ASCII = /[\u0080-\u00ff]/;
function parseTreeObject(content) {
  const text = content.toString("latin1");
  const hex = content.toString("hex");
  const entries = [];
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(" ", at);
    const nul = text.indexOf("\0", space);
    const name = text.slice(space + 1, nul);
    entries.push({
      mode: text.slice(at, space),
      name: NOT_ASCII.test(name) ? content.toString("utf8", space + 1, nul) : name,
      oid: hex.slice(2 * (nul + 1), 2 * (nul + 21))
    });
    at = nul + 21;
  }
  return entries;
}
__name(parseTreeObject, "parseTreeObject");

// src/ports/git.ts
var TREE_MODE = "040000";
var SUBMODULE_MODE = "160000";

// src/repository/committed-files.ts
function isNamed(path, name) {
  return path.endsWith(name) && (path.length === name.length || path[path.length - name.length - 1] === "/");
}
__name(isNamed, "isNamed");

// src/repository/git-committed-files.ts
var MAX_FOLDERS_BY_NAME = 32;
var GitCommittedFiles = class {
  constructor(git) {
    this.git = git;
  }
  git;
  static {
    __name(this, "GitCommittedFiles");
  }
  /**
   * Read from the index, which git lists several times faster than it walks HEAD's trees, when the
   * index and HEAD agree on those files — always so in a fresh checkout, the CI case. Locally,
   * staged changes make them differ: then HEAD's trees are walked, so that what model-ci reads is
   * what was committed either way.
   */
  async findFiles(bases, names) {
    const folders = bases.map(gitFolder);
    const [indexed, agrees] = await Promise.all([this.git.findInIndex(folders, names), this.git.indexAgrees("HEAD", folders, names)]);
    if (agrees) return indexed;
    const committed = await this.git.listTree("HEAD", folders, { recursive: true });
    return committed.filter((entry) => names.some((name) => isNamed(entry.path, name)));
  }
  /** One `git cat-file --batch` call for the blobs and the trees. */
  async readFilesAndTrees(files, dirs) {
    const byName = dirs.length <= MAX_FOLDERS_BY_NAME;
    const trees = byName ? [...dirs] : [...new Set(dirs.map(parentOf))];
    if (trees.some((path) => path.includes("\n"))) return this.readWithTreeListing(files, dirs);
    const objects = await this.git.readObjects([...files.map((file) => file.oid), ...trees.map((path) => `HEAD:${path}`)]);
    const texts = /* @__PURE__ */ new Map();
    files.forEach((file, index) => {
      const blob = objects[index];
      if (blob) texts.set(file.path, blob.content.toString("utf8"));
    });
    const treeIds = /* @__PURE__ */ new Map();
    trees.forEach((path, index) => {
      const tree = objects[files.length + index];
      if (tree?.type !== "tree") return;
      if (byName) {
        treeIds.set(path, tree.oid);
        return;
      }
      for (const entry of parseTreeObject(tree.content)) {
        if (entry.mode === TREE_OBJECT_MODE) treeIds.set(path === "" ? entry.name : `${path}/${entry.name}`, entry.oid);
      }
    });
    return { texts, treeIds };
  }
  async filesUnder(bases) {
    if (bases.length === 0) return [];
    const entries = await this.git.listTree("HEAD", bases.map(gitFolder), { recursive: true });
    return entries.filter((entry) => entry.mode !== SUBMODULE_MODE);
  }
  async readWithTreeListing(files, dirs) {
    const [objects, entries] = await Promise.all([
      this.git.readObjects(files.map((file) => file.oid)),
      this.git.listTree("HEAD", dirs, { recursive: false })
    ]);
    const texts = /* @__PURE__ */ new Map();
    files.forEach((file, index) => {
      const blob = objects[index];
      if (blob) texts.set(file.path, blob.content.toString("utf8"));
    });
    const treeIds = /* @__PURE__ */ new Map();
    for (const entry of entries) if (entry.mode === TREE_MODE) treeIds.set(entry.path, entry.oid);
    return { texts, treeIds };
  }
};
function gitFolder(base) {
  return base === "" ? "." : base;
}
__name(gitFolder, "gitFolder");
function parentOf(dir) {
  const slash = dir.lastIndexOf("/");
  return slash === -1 ? "" : dir.slice(0, slash);
}
__name(parentOf, "parentOf");

// src/repository/listed-committed-files.ts
var ListedCommittedFiles = class {
  constructor(files, workspace) {
    this.files = files;
    this.workspace = workspace;
  }
  files;
  workspace;
  static {
    __name(this, "ListedCommittedFiles");
  }
  async findFiles(bases, names) {
    const found = await this.filesUnder(bases);
    return found.filter((file) => names.some((name) => isNamed(file.path, name)));
  }
  async readFilesAndTrees(files, dirs) {
    const texts = /* @__PURE__ */ new Map();
    for (const file of files) {
      const text = this.workspace.readText(file.path);
      if (text !== void 0) texts.set(file.path, text);
    }
    return { texts, treeIds: this.treeIds(dirs) };
  }
  async filesUnder(bases) {
    if (bases.includes("")) return [...this.files];
    return this.files.filter((file) => bases.some((base) => file.path === base || file.path.startsWith(`${base}/`)));
  }
  treeIds(dirs) {
    const filesByDir = new Map(dirs.map((dir) => [dir, []]));
    for (const file of this.files) {
      for (let slash = file.path.indexOf("/"); slash !== -1; slash = file.path.indexOf("/", slash + 1)) {
        filesByDir.get(file.path.slice(0, slash))?.push({ ...file, path: file.path.slice(slash + 1) });
      }
    }
    const ids = /* @__PURE__ */ new Map();
    for (const [dir, files] of filesByDir) if (files.length > 0) ids.set(dir, gitTreeId(files));
    return ids;
  }
};

// src/repository/repository.ts
var MODEL_FOLDER_FILES = [...MARKER_FILES, DEFAULT_REQUIREMENTS];
var MAY_WATCH = /watch|\\/;
var Repository = class _Repository {
  constructor(ports, files, config, configFile, modelFolderFiles, markers) {
    this.ports = ports;
    this.files = files;
    this.config = config;
    this.configFile = configFile;
    this.modelFolderFiles = modelFolderFiles;
    this.isModelDir = compileModelDirGlobs(config.models);
    this.isShared = compileGlobs(config.shared);
    this.models = modelsAmong(markers, this.isModelDir, configFile);
  }
  ports;
  files;
  config;
  configFile;
  modelFolderFiles;
  static {
    __name(this, "Repository");
  }
  isModelDir;
  isShared;
  models;
  parsedOverrides = /* @__PURE__ */ new Map();
  /** Models whose model.yml `name` mismatch was warned about, once each. */
  checkedNames = /* @__PURE__ */ new Set();
  modelFiles = /* @__PURE__ */ new Map();
  treeIds = /* @__PURE__ */ new Map();
  sharedFiles;
  /** Files below the bases of the `watch` globs read so far, by path. */
  watchableFiles = /* @__PURE__ */ new Map();
  listedWatchBases = /* @__PURE__ */ new Set();
  /** What `read` started reading for `allModelFiles`, and whether it is done. */
  readingAll;
  allRead = false;
  /** Reads the checkout: model-ci.yml from the working tree, the models as committed at HEAD. */
  static async read(ports, configFile, options = {}) {
    const text = ports.workspace.readText(configFile);
    const config = text === void 0 ? defaultRepoConfig() : (await loadConfigParser()).parseRepoConfig(text, configFile);
    const files = ports.git ? new GitCommittedFiles(ports.git) : new ListedCommittedFiles(ports.listFilesWithoutGit(), ports.workspace);
    const found = await files.findFiles(globBases(config.models), MODEL_FOLDER_FILES);
    const modelFolderFiles = /* @__PURE__ */ new Map();
    for (const entry of found) modelFolderFiles.set(entry.path, entry);
    const markers = markerFolders(modelFolderFiles.keys());
    const reading = options.allModelFiles ? readEveryModelFile(files, modelFolderFiles, markers) : void 0;
    reading?.catch(() => void 0);
    const repository = new _Repository(ports, files, config, configFile, modelFolderFiles, markers);
    if (reading) {
      repository.readingAll = repository.keepModelFiles(reading);
      repository.readingAll.catch(() => void 0);
    }
    return repository;
  }
  /**
   * Reads the model.yml of each model as committed (with git in one `cat-file --batch` call, which
   * in a monorepo of thousands of models costs a fraction of reading the files one by one), and
   * what their fingerprints hash: the tree of each model's folder, the files of the `shared` globs
   * and of each model's `watch` globs. Returns the models loaded, in the order given.
   */
  async load(models) {
    const parsing = loadConfigParser();
    const sharedFiles = await this.readUnread(models);
    const parser = await parsing;
    await this.readWatchableFiles(models, parser);
    return models.map((model) => this.loaded(model, parser, sharedFiles));
  }
  loaded(model, parser, sharedFiles) {
    const modelTree = this.treeIds.get(model.path);
    if (modelTree === void 0) throw new Error(`Repository.load: git gave no tree for ${model.path}`);
    let resolved;
    const overrides = /* @__PURE__ */ __name(() => this.overrides(model, parser), "overrides");
    const config = /* @__PURE__ */ __name(() => resolved ??= this.modelConfig(model, overrides()), "config");
    return {
      model,
      overrides,
      config,
      fingerprint: /* @__PURE__ */ __name(() => fingerprint({ modelTree, watchedFiles: this.watchedFiles(config()), sharedFiles, trainingConfig: trainingConfigKey(config()) }), "fingerprint")
    };
  }
  /**
   * Reads every model's model.yml (with `allModelFiles`, what `read` started) and returns the
   * models whose file can hold a `watch` key. The others have none, and are not parsed to tell:
   * parsing 2,000 files takes a while, and a watch key is rare.
   */
  async findModelsThatMayWatch() {
    await this.readUnread(this.models);
    return this.models.filter((model) => this.mayWatch(model));
  }
  /** Whether the model's model.yml (read already) can hold a `watch` key. */
  mayWatch(model) {
    const text = this.modelFileText(model);
    return text !== void 0 && MAY_WATCH.test(text);
  }
  model(name) {
    return this.models.find((model) => model.name === name);
  }
  /**
   * A model's model.yml, parsed once. The directory names the model: a `name` key that says
   * otherwise (left behind when the directory was renamed) draws a warning, not an error.
   */
  overrides(model, parser) {
    const parsed = this.parse(model, parser);
    if (!this.checkedNames.has(model.name)) {
      this.checkedNames.add(model.name);
      if (parsed.name !== void 0 && parsed.name !== model.name) {
        const file = modelFilePath(model);
        this.ports.logger.warning(
          `${file}: "name" is ${JSON.stringify(parsed.name)} but the model is named after its directory, "${model.name}"; remove "name" or set it to the directory's name`,
          { file }
        );
      }
    }
    return parsed;
  }
  /**
   * The model's model.yml text as committed, without parsing it (undefined when it has none). The
   * readers of the repository's files (readUnread, keepModelFiles) have read every model file they
   * were asked for, and only they lead here.
   */
  modelFileText(model) {
    return this.modelFiles.get(modelFilePath(model));
  }
  modelConfig(model, overrides) {
    return resolveModelConfig(this.config, model, overrides, {
      hasDefaultRequirements: this.modelFolderFiles.has(`${model.path}/${DEFAULT_REQUIREMENTS}`)
    });
  }
  /** model.yml parsed, without the warnings `overrides` gives, which `load` must not give early. */
  parse(model, parser) {
    let parsed = this.parsedOverrides.get(model.name);
    if (!parsed) {
      const text = this.modelFileText(model);
      parsed = text === void 0 ? {} : parser.parseModelOverrides(text, modelFilePath(model));
      this.parsedOverrides.set(model.name, parsed);
    }
    return parsed;
  }
  /** Reads the model.yml and folder tree of those of `models` not read yet, and the shared files. */
  async readUnread(models) {
    await this.readingAll;
    if (this.allRead) return this.readSharedFiles();
    const unread = models.map((model) => this.modelFolderFiles.get(modelFilePath(model))).filter((entry) => entry !== void 0 && !this.modelFiles.has(entry.path));
    const dirs = models.map((model) => model.path).filter((dir) => !this.treeIds.has(dir));
    const [read, sharedFiles] = await Promise.all([
      unread.length > 0 || dirs.length > 0 ? this.files.readFilesAndTrees(unread, dirs) : void 0,
      this.readSharedFiles()
    ]);
    if (read) this.keep(read, unread);
    return sharedFiles;
  }
  async keepModelFiles(reading) {
    const [{ read, files }] = await Promise.all([reading, this.readSharedFiles()]);
    this.keep(read, files);
    this.allRead = true;
  }
  keep(read, files) {
    for (const file of files) this.modelFiles.set(file.path, read.texts.get(file.path));
    if (this.treeIds.size === 0) this.treeIds = read.treeIds;
    else for (const [dir, id] of read.treeIds) this.treeIds.set(dir, id);
  }
  readSharedFiles() {
    this.sharedFiles ??= (async () => {
      const candidates = this.config.shared.length > 0 ? await this.files.filesUnder(globBases(this.config.shared)) : [];
      return filesMatching(candidates, this.isShared);
    })();
    return this.sharedFiles;
  }
  /**
   * Lists the files below the bases of the models' `watch` globs. Parsing every model.yml is slow
   * (2,000 of them in a large monorepo), so only texts that can hold a `watch` key are parsed; one
   * that does not parse is left for `overrides` to report where it always has.
   */
  async readWatchableFiles(models, parser) {
    const globs = [];
    for (const model of models) {
      if (!this.mayWatch(model)) continue;
      try {
        globs.push(...this.parse(model, parser).watch ?? []);
      } catch {
        continue;
      }
    }
    const bases = globBases(globs).filter((base) => !this.isWatchBaseListed(base));
    if (bases.length === 0) return;
    for (const file of await this.files.filesUnder(bases)) this.watchableFiles.set(file.path, file);
    for (const base of bases) this.listedWatchBases.add(base);
  }
  watchedFiles(config) {
    if (config.watch.length === 0) return [];
    for (const base of globBases(config.watch)) {
      if (!this.isWatchBaseListed(base)) throw new Error(`Repository: the watched files of ${config.path} were not listed`);
    }
    return filesMatching(this.watchableFiles.values(), compileGlobs(config.watch));
  }
  isWatchBaseListed(base) {
    if (this.listedWatchBases.has("") || this.listedWatchBases.has(base)) return true;
    for (let slash = base.indexOf("/"); slash !== -1; slash = base.indexOf("/", slash + 1)) {
      if (this.listedWatchBases.has(base.slice(0, slash))) return true;
    }
    return false;
  }
};
async function readEveryModelFile(files, modelFolderFiles, markers) {
  const modelFiles = [];
  for (const dir of markers.keys()) {
    const entry = modelFolderFiles.get(`${dir}/${MODEL_CONFIG_FILE}`);
    if (entry) modelFiles.push(entry);
  }
  return { read: await files.readFilesAndTrees(modelFiles, [...markers.keys()]), files: modelFiles };
}
__name(readEveryModelFile, "readEveryModelFile");
function modelFilePath(model) {
  return `${model.path}/${MODEL_CONFIG_FILE}`;
}
__name(modelFilePath, "modelFilePath");

// src/core/markdown.ts
function escapeMarkdown(text) {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|~<>&"'@:]/g, (ch) => ENTITIES[ch] ?? `\\${ch}`);
}
__name(escapeMarkdown, "escapeMarkdown");
var ENTITIES = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;",
  "|": "&#124;",
  // "@name" would notify a user; a zero-width joiner keeps the text but breaks the mention.
  "@": "@&#8203;",
  // "https:" would be auto-linked.
  ":": "&#58;"
};
var NEEDS_CARE = /[`|\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
function inlineCode(text) {
  if (!NEEDS_CARE.test(text)) return `\`${text}\``;
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${oneLine(padded).replace(/\|/g, "\\|")}${fence}`;
}
__name(inlineCode, "inlineCode");
var LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
function oneLine(text) {
  return text.replace(LINE_BREAKING, " ");
}
__name(oneLine, "oneLine");

// src/adapters/git/run-git.ts
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
function runGit(cwd, args, input) {
  const call = nextCallFiles();
  const fds = [];
  const cleanUp = /* @__PURE__ */ __name(() => {
    for (const fd of fds.splice(0)) closeSync(fd);
    for (const file of Object.values(call)) {
      try {
        unlinkSync(file);
      } catch {
      }
    }
    callDone();
  }, "cleanUp");
  let stdio;
  try {
    let inputFd = "ignore";
    if (input !== void 0) {
      writeFileSync(call.input, input, { flag: "wx", mode: 384 });
      fds.push(inputFd = openSync(call.input, "r"));
    }
    fds.push(openSync(call.output, "wx", 384), openSync(call.errors, "wx", 384));
    stdio = [inputFd, ...fds.slice(-2)];
  } catch (error) {
    cleanUp();
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = /* @__PURE__ */ __name((finish) => {
      if (settled) return;
      settled = true;
      try {
        finish();
      } catch (error) {
        reject(error);
      } finally {
        cleanUp();
      }
    }, "settle");
    let child;
    try {
      child = spawn("git", args, { cwd, stdio, env: gitEnv() });
    } catch (error) {
      settle(() => reject(error));
      return;
    }
    child.on("error", (error) => settle(() => reject(error)));
    child.on(
      "close",
      (code, signal) => settle(
        () => resolve({
          exitCode: code ?? (signal ? 128 : 1),
          stdout: readFileSync(call.output),
          stderr: readFileSync(call.errors, "utf8").trim()
        })
      )
    );
  });
}
__name(runGit, "runGit");
var callFolder;
var running = 0;
var calls = 0;
function nextCallFiles() {
  const folder = callFolder ?? mkdtempSync(join(tmpdir(), "model-ci-git-"));
  callFolder = folder;
  running++;
  calls++;
  return { input: join(folder, `${calls}.in`), output: join(folder, `${calls}.out`), errors: join(folder, `${calls}.err`) };
}
__name(nextCallFiles, "nextCallFiles");
function callDone() {
  if (--running > 0 || !callFolder) return;
  try {
    rmdirSync(callFolder);
  } catch {
  }
  callFolder = void 0;
}
__name(callDone, "callDone");
var PATHSPEC_VARIABLES = ["GIT_LITERAL_PATHSPECS", "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS", "GIT_ICASE_PATHSPECS"];
var env;
function gitEnv() {
  if (!env) {
    env = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" };
    for (const name of PATHSPEC_VARIABLES) delete env[name];
  }
  return env;
}
__name(gitEnv, "gitEnv");
function splitNul(output) {
  const text = output.toString("utf8");
  if (text.length === 0) return [];
  const records = text.split("\0");
  if (records[records.length - 1] === "") records.pop();
  return records;
}
__name(splitNul, "splitNul");

// src/adapters/git/git-cli.ts
import { existsSync } from "node:fs";
import { join as join2 } from "node:path";
var GitCli = class _GitCli {
  constructor(root) {
    this.root = root;
  }
  root;
  static {
    __name(this, "GitCli");
  }
  /** Opens the repository that holds `dir`, or returns undefined when `dir` is not in one. */
  static async open(dir) {
    if (existsSync(join2(dir, ".git"))) return new _GitCli(dir);
    const result = await runGit(dir, ["rev-parse", "--show-toplevel"]);
    if (result.exitCode !== 0) return void 0;
    return new _GitCli(result.stdout.toString("utf8").trim());
  }
  async resolveCommit(rev) {
    const result = await this.git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]);
    return result.exitCode === 0 ? result.stdout.toString("utf8").trim() : void 0;
  }
  async findInIndex(folders, names) {
    const output = await this.checked(["ls-files", "--stage", "-z", "--", ...namePathspecs(folders, names)]);
    const entries = [];
    for (const record of splitNul(output)) {
      const oidStart = record.indexOf(" ") + 1;
      const oidEnd = record.indexOf(" ", oidStart);
      entries.push({ path: record.slice(record.indexOf("	", oidEnd) + 1), mode: record.slice(0, oidStart - 1), oid: record.slice(oidStart, oidEnd) });
    }
    return entries;
  }
  async indexAgrees(rev, folders, names) {
    const args = ["diff-index", "--cached", "--quiet", "--end-of-options", rev, "--", ...namePathspecs(folders, names)];
    const result = await this.git(args);
    if (result.exitCode === 0 || result.exitCode === 1) return result.exitCode === 0;
    throw new Error(`git ${args.join(" ")} failed (exit ${result.exitCode}): ${result.stderr}`);
  }
  async listTree(rev, paths, options) {
    const args = ["--literal-pathspecs", "ls-tree", "-z", "--full-tree"];
    if (options.recursive) args.push("-r");
    const output = await this.checked([...args, "--end-of-options", rev, "--", ...paths]);
    const entries = [];
    for (const record of splitNul(output)) {
      const typeStart = record.indexOf(" ") + 1;
      const oidStart = record.indexOf(" ", typeStart) + 1;
      const tab = record.indexOf("	", oidStart);
      entries.push({ path: record.slice(tab + 1), mode: record.slice(0, typeStart - 1), oid: record.slice(oidStart, tab) });
    }
    return entries;
  }
  async changedPaths(from, to) {
    return splitNul(await this.checked([...DIFF_NAMES, "--end-of-options", from, to]));
  }
  async changesSinceMergeBase(a, b) {
    const [mergeBase, diff] = await Promise.all([this.mergeBase(a, b), this.git([...DIFF_NAMES, "--merge-base", "--end-of-options", a, b])]);
    if (mergeBase === void 0 || diff.exitCode !== 0) return void 0;
    return { mergeBase, paths: splitNul(diff.stdout) };
  }
  async parentsOf(rev) {
    const result = await this.git(["cat-file", "commit", "--end-of-options", rev]);
    if (result.exitCode !== 0) return void 0;
    const text = result.stdout.toString("latin1");
    const end = text.indexOf("\n\n");
    const header = end === -1 ? text : text.slice(0, end + 1);
    return [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((match) => match[1]);
  }
  async mergeBase(a, b) {
    const result = await this.git(["merge-base", "--end-of-options", a, b]);
    return result.exitCode === 0 ? result.stdout.toString("utf8").trim() : void 0;
  }
  async isShallow() {
    const output = await this.checked(["rev-parse", "--is-shallow-repository"]);
    return output.toString("utf8").trim() === "true";
  }
  async fetch(refspecs, options) {
    const args = ["fetch", "--no-tags", "--no-recurse-submodules", "--quiet"];
    if (options.depth !== void 0) args.push(`--depth=${options.depth}`);
    if (options.deepen !== void 0) args.push(`--deepen=${options.deepen}`);
    if (options.unshallow) args.push("--unshallow");
    args.push("origin", ...refspecs);
    const result = await this.git(args);
    return result.exitCode === 0;
  }
  async readObjects(names) {
    if (names.length === 0) return [];
    const output = await runGit(this.root, ["cat-file", "--batch", "--buffer"], `${names.join("\n")}
`);
    if (output.exitCode !== 0) throw new Error(`git cat-file --batch failed (exit ${output.exitCode}): ${output.stderr}`);
    const data = output.stdout;
    const text = data.toString("latin1");
    const objects = [];
    let at = 0;
    while (at < text.length) {
      const lineEnd = text.indexOf("\n", at);
      const header = text.slice(at, lineEnd);
      at = lineEnd + 1;
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        objects.push(void 0);
        continue;
      }
      const typeStart = header.indexOf(" ") + 1;
      const sizeStart = header.indexOf(" ", typeStart) + 1;
      const length = Number(header.slice(sizeStart));
      objects.push({ oid: header.slice(0, typeStart - 1), type: header.slice(typeStart, sizeStart - 1), content: data.subarray(at, at + length) });
      at += length + 1;
    }
    return objects;
  }
  async readFile(rev, path) {
    const result = await this.git(["cat-file", "blob", "--end-of-options", `${rev}:${path}`]);
    return result.exitCode === 0 ? result.stdout.toString("utf8") : void 0;
  }
  async firstParentAncestors(rev, limit) {
    const result = await this.git(["rev-list", "--first-parent", `--max-count=${limit}`, "--end-of-options", rev]);
    if (result.exitCode !== 0) return [];
    return result.stdout.toString("utf8").split("\n").filter((line) => line !== "");
  }
  git(args) {
    return runGit(this.root, ["-c", "core.quotePath=false", ...args]);
  }
  async checked(args) {
    const result = await this.git(args);
    if (result.exitCode !== 0) {
      throw new Error(`git ${args.join(" ")} failed (exit ${result.exitCode}): ${result.stderr}`);
    }
    return result.stdout;
  }
};
var DIFF_NAMES = ["diff", "--no-renames", "--no-ext-diff", "--no-textconv", "--name-only", "-z"];
function namePathspecs(folders, names) {
  return folders.flatMap((folder) => names.map((name) => `${folder === "." ? "" : escapePattern(folder)}*/${escapePattern(name)}`));
}
__name(namePathspecs, "namePathspecs");
function escapePattern(text) {
  return text.replace(/[*?[\\]/g, "\\$&").replace(/^:/, "\\:");
}
__name(escapePattern, "escapePattern");

// src/adapters/local/state-dir.ts
var LOCAL_STATE_DIR = ".model-ci";

// src/adapters/node/fs-listing.ts
import { createHash as createHash3 } from "node:crypto";
import { readdirSync, readFileSync as readFileSync2, readlinkSync, statSync } from "node:fs";
import { join as join3 } from "node:path";
var SKIPPED = /* @__PURE__ */ new Set([".git", LOCAL_STATE_DIR, "node_modules"]);
function listFilesWithoutGit(root) {
  const entries = [];
  const walk = /* @__PURE__ */ __name((dir, prefix) => {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(dirent.name)) continue;
      const full = join3(dir, dirent.name);
      const path = prefix + dirent.name;
      if (dirent.isDirectory()) walk(full, `${path}/`);
      else if (dirent.isSymbolicLink()) entries.push({ path, mode: "120000", oid: blobId(Buffer.from(readlinkSync(full))) });
      else if (dirent.isFile()) {
        const executable = (statSync(full).mode & 73) !== 0;
        entries.push({ path, mode: executable ? "100755" : "100644", oid: blobId(readFileSync2(full)) });
      }
    }
  }, "walk");
  walk(root, "");
  return entries;
}
__name(listFilesWithoutGit, "listFilesWithoutGit");
function blobId(content) {
  return createHash3("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}
__name(blobId, "blobId");

// src/adapters/node/fs-workspace.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { join as join4 } from "node:path";
var FsWorkspace = class {
  constructor(root) {
    this.root = root;
  }
  root;
  static {
    __name(this, "FsWorkspace");
  }
  readText(path) {
    try {
      return readFileSync3(join4(this.root, path), "utf8");
    } catch (error) {
      if (error.code === "ENOENT" || error.code === "ENOTDIR") {
        return void 0;
      }
      throw error;
    }
  }
};

// src/repository/scoped-git.ts
var ScopedGit = class {
  /** `scope` is the workspace's path relative to the repository's top folder ('' for the top). */
  constructor(git, scope) {
    this.git = git;
    this.prefix = scope === "" || scope === "." ? "" : `${scope.replace(/\/+$/, "")}/`;
  }
  git;
  static {
    __name(this, "ScopedGit");
  }
  prefix;
  /** Git's findInIndex; "." is the workspace's folder. */
  async findInIndex(folders, names) {
    return this.scopeEntries(await this.git.findInIndex(folders.map((folder) => this.folderInRepository(folder)), names));
  }
  indexAgrees(rev, folders, names) {
    return this.git.indexAgrees(rev, folders.map((folder) => this.folderInRepository(folder)), names);
  }
  /** Git's listTree; "." is the workspace's folder. */
  async listTree(rev, paths, options) {
    return this.scopeEntries(await this.git.listTree(rev, paths.map((path) => this.toRepository(path)), options));
  }
  async changedPaths(from, to) {
    return this.scopePaths(await this.git.changedPaths(from, to));
  }
  /** Git's readObjects; the path of a `<rev>:<path>` name is workspace-relative, "" for the workspace. */
  readObjects(names) {
    if (this.prefix === "") return this.git.readObjects(names);
    return this.git.readObjects(
      names.map((name) => {
        const colon = name.indexOf(":");
        if (colon === -1) return name;
        const path = name.slice(colon + 1);
        return `${name.slice(0, colon + 1)}${path === "" ? this.prefix.slice(0, -1) : this.prefix + path}`;
      })
    );
  }
  readFile(rev, path) {
    return this.git.readFile(rev, this.prefix + path);
  }
  firstParentAncestors(rev, limit) {
    return this.git.firstParentAncestors(rev, limit);
  }
  /** Repository-relative paths → workspace-relative ones, leaving out those outside it. */
  scopePaths(paths) {
    if (this.prefix === "") return [...paths];
    return paths.filter((path) => path.startsWith(this.prefix)).map((path) => path.slice(this.prefix.length));
  }
  scopeEntries(entries) {
    if (this.prefix === "") return entries;
    const scoped = [];
    for (const entry of entries) {
      if (entry.path.startsWith(this.prefix)) scoped.push({ ...entry, path: entry.path.slice(this.prefix.length) });
    }
    return scoped;
  }
  /** A workspace-relative folder ("." for the workspace itself) → a repository-relative one. */
  folderInRepository(folder) {
    if (folder === ".") return this.prefix === "" ? "." : this.prefix.slice(0, -1);
    return this.prefix + folder;
  }
  /** Like folderInRepository, for ls-tree paths, where "." and a trailing "/" mean the folder's entries. */
  toRepository(path) {
    if (path === ".") return this.prefix === "" ? "." : this.prefix;
    return this.prefix + path;
  }
};

export {
  require_picomatch2 as require_picomatch,
  matchesNothing,
  compileGlobs,
  markedModelDir,
  escapeMarkdown,
  inlineCode,
  loadConfigParser,
  Repository,
  runGit,
  splitNul,
  GitCli,
  LOCAL_STATE_DIR,
  listFilesWithoutGit,
  FsWorkspace,
  ScopedGit
};
