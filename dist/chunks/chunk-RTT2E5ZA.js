import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/ports/comment-thread.ts
var PermissionDeniedError = class extends Error {
  static {
    __name(this, "PermissionDeniedError");
  }
  constructor(message, options) {
    super(message, options);
    this.name = "PermissionDeniedError";
  }
};

export {
  PermissionDeniedError
};
