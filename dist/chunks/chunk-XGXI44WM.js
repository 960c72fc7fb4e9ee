import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);

// src/core/untrusted-text.ts
function hasControlCharacter(text) {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
}
function showUntrusted(text, maxLength) {
  const head = Array.from(text.slice(0, maxLength * 2)).slice(0, maxLength).join("");
  const shown = head.length < text.length ? `${head}\u2026` : text;
  return escapeControlCharacters(JSON.stringify(shown));
}
function escapeControlCharacters(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function valueAt(data, path) {
  let value = data;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return void 0;
    value = value[key];
  }
  return value;
}

// src/errors.ts
var UserError = class extends Error {
  /** The repository file the error is about, for the annotation's `file` property. */
  file;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "UserError";
    this.file = options.file;
  }
};
function isUserError(error) {
  return error instanceof UserError;
}

export {
  hasControlCharacter,
  showUntrusted,
  escapeControlCharacters,
  valueAt,
  UserError,
  isUserError
};
