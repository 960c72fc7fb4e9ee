import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/config/shell-words.ts
var WHITESPACE = /* @__PURE__ */ new Set([" ", "	", "\n", "\r"]);
var SHELL_OPERATORS = /* @__PURE__ */ new Set(["|", "&", ";", "<", ">", "(", ")"]);
var DOUBLE_QUOTE_ESCAPES = /* @__PURE__ */ new Set(["$", "`", '"', "\\", "\n"]);
var VARIABLE_START = /[A-Za-z_{(]/;
var NO_SHELL = "model-ci runs commands without a shell";
var BACKQUOTE_ERROR = `uses a backquote command substitution, but ${NO_SHELL}; move it into a script, or write \\\` to pass a literal backquote`;
function variableError(line, dollar) {
  const reference = /^\$(\{[^}]*\}?|\(|[A-Za-z_][A-Za-z0-9_]*)/.exec(line.slice(dollar))?.[0] ?? "$";
  return `refers to ${JSON.stringify(reference)}, which nothing expands: ${NO_SHELL}; read the variable from the environment in your script, or write \\$ to pass a literal "$"`;
}
__name(variableError, "variableError");
function splitShellWords(line) {
  const words = [];
  let word;
  let i = 0;
  while (i < line.length) {
    const char = line[i];
    if (WHITESPACE.has(char)) {
      if (word !== void 0) words.push(word);
      word = void 0;
      i++;
    } else if (char === "'") {
      const close = line.indexOf("'", i + 1);
      if (close === -1) return { error: "has an unterminated single quote" };
      word = (word ?? "") + line.slice(i + 1, close);
      i = close + 1;
    } else if (char === '"') {
      const quoted = readDoubleQuoted(line, i + 1);
      if ("error" in quoted) return quoted;
      word = (word ?? "") + quoted.text;
      i = quoted.end;
    } else if (char === "\\") {
      if (i + 1 >= line.length) return { error: "ends with a lone backslash" };
      if (line[i + 1] !== "\n") word = (word ?? "") + line[i + 1];
      i += 2;
    } else if (SHELL_OPERATORS.has(char)) {
      return { error: `uses the shell operator "${char}", but ${NO_SHELL}; quote it to pass it literally, or move the pipeline into a script` };
    } else if (char === "`") {
      return { error: BACKQUOTE_ERROR };
    } else if (char === "$" && VARIABLE_START.test(line[i + 1] ?? "")) {
      return { error: variableError(line, i) };
    } else {
      word = (word ?? "") + char;
      i++;
    }
  }
  if (word !== void 0) words.push(word);
  return { words };
}
__name(splitShellWords, "splitShellWords");
function readDoubleQuoted(line, start) {
  let text = "";
  let i = start;
  while (i < line.length) {
    const char = line[i];
    if (char === '"') return { text, end: i + 1 };
    if (char === "\\" && DOUBLE_QUOTE_ESCAPES.has(line[i + 1] ?? "")) {
      if (line[i + 1] !== "\n") text += line[i + 1];
      i += 2;
    } else if (char === "`") {
      return { error: BACKQUOTE_ERROR };
    } else if (char === "$" && VARIABLE_START.test(line[i + 1] ?? "")) {
      return { error: variableError(line, i) };
    } else {
      text += char;
      i++;
    }
  }
  return { error: "has an unterminated double quote" };
}
__name(readDoubleQuoted, "readDoubleQuoted");

export {
  splitShellWords
};
