import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/untrusted-text.ts
function hasControlCharacter(text) {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
}
__name(hasControlCharacter, "hasControlCharacter");
function truncate(text, maxLength) {
  if (text.length <= maxLength) return text;
  const points = Array.from(text.slice(0, maxLength * 2));
  if (points.length <= maxLength && text.length <= maxLength * 2) return text;
  return `${points.slice(0, maxLength).join("")}\u2026`;
}
__name(truncate, "truncate");
function showUntrusted(text, maxLength) {
  return escapeControlCharacters(JSON.stringify(truncate(text, maxLength)));
}
__name(showUntrusted, "showUntrusted");
function escapeControlCharacters(text) {
  return escapeInvisible(text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, codePointEscape));
}
__name(escapeControlCharacters, "escapeControlCharacters");
var INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
function escapeInvisible(text) {
  return text.replace(INVISIBLE, codePointEscape);
}
__name(escapeInvisible, "escapeInvisible");
function codePointEscape(character) {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
__name(codePointEscape, "codePointEscape");
function parserMessage(text) {
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
}
__name(parserMessage, "parserMessage");
function valueAt(data, path) {
  let value = data;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return void 0;
    value = value[key];
  }
  return value;
}
__name(valueAt, "valueAt");

// src/errors.ts
var UserError = class extends Error {
  static {
    __name(this, "UserError");
  }
  /** The repository file the error is about, for the annotation's `file` property. */
  file;
  /** The input the error is about (an action input; on the command line, an argument or option). */
  input;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "UserError";
    this.file = options.file;
    this.input = options.input;
  }
};
function isUserError(error) {
  return error instanceof UserError;
}
__name(isUserError, "isUserError");
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
__name(messageOf, "messageOf");

export {
  hasControlCharacter,
  truncate,
  showUntrusted,
  escapeControlCharacters,
  escapeInvisible,
  parserMessage,
  valueAt,
  UserError,
  isUserError,
  messageOf
};
