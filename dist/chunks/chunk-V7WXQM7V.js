import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  UserError,
  escapeControlCharacters
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/node/hash-files.ts
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { open, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
var CHUNK_BYTES = 1024 * 1024;
var CONCURRENT_FILES = 3;
var OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
async function hashFile(path) {
  const handle = await open(path, OPEN_FLAGS).catch((error) => {
    throw errorCode(error) === "ELOOP" ? symbolicLinkError(path) : error;
  });
  try {
    if (!(await handle.stat()).isFile()) throw specialFileError(path);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK_BYTES })) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest("hex") };
}
__name(hashFile, "hashFile");
async function hashTree(root) {
  const paths = await listFiles(root);
  const files = new Array(paths.length);
  let next = 0;
  const worker = /* @__PURE__ */ __name(async () => {
    while (next < paths.length) {
      const index = next++;
      files[index] = { path: paths[index], ...await hashFile(join(root, paths[index])) };
    }
  }, "worker");
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_FILES, paths.length) }, worker));
  return files;
}
__name(hashTree, "hashTree");
async function listFiles(root) {
  const paths = [];
  const folders = [""];
  while (folders.length > 0) {
    const folder = folders.pop();
    for (const entry of await readdir(join(root, folder), { withFileTypes: true })) {
      const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile()) paths.push(path);
      else if (entry.isSymbolicLink()) throw symbolicLinkError(join(root, path), await readlink(join(root, path)));
      else throw specialFileError(join(root, path));
    }
  }
  return paths.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}
__name(listFiles, "listFiles");
function quoted(name) {
  return escapeControlCharacters(JSON.stringify(name));
}
__name(quoted, "quoted");
function symbolicLinkError(path, target) {
  const pointsTo = target === void 0 ? "" : ` (to ${quoted(target)})`;
  return new UserError(
    `${quoted(path)} is a symbolic link${pointsTo}; the artifact must not follow links out of the output folder, so write or copy the file itself there`
  );
}
__name(symbolicLinkError, "symbolicLinkError");
function specialFileError(path) {
  return new UserError(`${quoted(path)} is not a regular file (a FIFO, socket or device); leave only files and folders in the output folder`);
}
__name(specialFileError, "specialFileError");
function errorCode(error) {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : void 0;
}
__name(errorCode, "errorCode");

export {
  hashTree
};
