import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  LOCAL_STATE_DIR
} from "./chunk-7RD6YKSP.js";
import {
  UserError
} from "./chunk-MBAQQDDT.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/adapters/local/fs-artifact-store.ts
import { createHash, randomBytes } from "node:crypto";
import { constants, createReadStream } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var FORBIDDEN_IN_NAME = /[":<>|*?\r\n\\/]|^\./;
var FsArtifactStore = class {
  /** `logger` is told of records that cannot be read, which `list` leaves out. */
  constructor(repositoryRoot, runId, logger) {
    this.runId = runId;
    this.logger = logger;
    this.root = join(repositoryRoot, LOCAL_STATE_DIR, "artifacts");
  }
  runId;
  logger;
  static {
    __name(this, "FsArtifactStore");
  }
  root;
  /** Records already warned about, so that each is told once however often it is listed. */
  warned = /* @__PURE__ */ new Set();
  /** Retention and compression do not apply to a folder: `_options` is accepted and ignored. */
  async upload(name, rootDirectory, files, _options) {
    if (name === "" || FORBIDDEN_IN_NAME.test(name)) throw new Error(`"${name}" is not a valid artifact name`);
    const paths = [...new Set(files.map((file) => relativeInside(rootDirectory, file)))];
    const runDirectory = this.runFolder();
    const staging = join(runDirectory, `.uploading-${randomBytes(6).toString("hex")}`);
    try {
      for (const path of paths) await copyReplacing(join(rootDirectory, path), join(staging, "files", path));
      const { size, digest } = await digestOf(join(staging, "files"), paths);
      const id = await this.reserveId(`${this.runId}/${name}`);
      const artifact = { id, name, size, digest };
      await writeFile(join(staging, "artifact.json"), `${JSON.stringify({ ...artifact, created_at: (/* @__PURE__ */ new Date()).toISOString() }, null, 2)}
`);
      await this.putInPlace(staging, join(runDirectory, name));
      return artifact;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  async list(runId = this.runId) {
    const runDirectory = this.runFolder(runId);
    const names = await readdir(runDirectory).catch((error) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    const artifacts = [];
    for (const name of names.filter((candidate) => !candidate.startsWith(".")).sort()) {
      const directory = join(runDirectory, name);
      const record = await readRecord(directory);
      if ("artifact" in record) {
        artifacts.push(record.artifact);
      } else if (!this.warned.has(directory)) {
        this.warned.add(directory);
        this.logger.warning(`${recordFile(directory)}: ${record.problem ?? "it does not exist"}, so ${directory} is left out of the artifacts of run ${runId}; delete that folder, or run the training again`);
      }
    }
    return artifacts;
  }
  async download(artifactId, destination, options = {}) {
    const { runId = this.runId, expectedDigest } = options;
    if (expectedDigest !== void 0 && !DIGEST.test(expectedDigest)) {
      throw new Error(`An expected artifact digest has the form sha256:<64 hex digits>, not "${expectedDigest}"`);
    }
    const { directory, artifact } = await this.locate(artifactId, runId);
    const filesDirectory = join(directory, "files");
    const paths = await filesBelow(filesDirectory);
    if (expectedDigest !== void 0 && (await digestOf(filesDirectory, paths)).digest !== expectedDigest) {
      throw new UserError(
        `Artifact "${artifact.name}" (id ${artifactId}) of run ${runId} does not match its digest ${expectedDigest}: its files in ${directory} changed after it was uploaded, so it was not used. Run the training that produced it again.`
      );
    }
    for (const path of paths) await copyReplacing(join(filesDirectory, path), join(destination, path));
  }
  /** The folder of run `runId`'s artifacts (by default this store's run): where a report links to them. */
  runFolder(runId = this.runId) {
    return join(this.root, String(runId));
  }
  /** Takes the next free id for `location`; the exclusive create makes parallel uploads safe. */
  async reserveId(location) {
    const idsDirectory = join(this.root, "ids");
    await mkdir(idsDirectory, { recursive: true });
    const taken = (await readdir(idsDirectory)).map(Number).filter(Number.isInteger);
    for (let id = Math.max(0, ...taken) + 1; ; id += 1) {
      try {
        await writeFile(join(idsDirectory, String(id)), location, { flag: "wx" });
        return id;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
    }
  }
  /**
   * Moves the staged artifact to `target`, replacing an earlier one (whatever state its folder is
   * in) and forgetting its id when its record tells it.
   */
  async putInPlace(staging, target) {
    const replaced = await readRecord(target);
    const trash = `${target}.replaced-${randomBytes(6).toString("hex")}`;
    const movedAside = await rename(target, trash).then(
      () => true,
      (error) => {
        if (error.code === "ENOENT") return false;
        throw error;
      }
    );
    await rename(staging, target);
    if (movedAside) await rm(trash, { recursive: true, force: true });
    if ("artifact" in replaced) await rm(join(this.root, "ids", String(replaced.artifact.id)), { force: true });
  }
  async locate(artifactId, runId) {
    const notHere = /* @__PURE__ */ __name(() => new UserError(`Artifact ${artifactId} of run ${runId} is not in ${this.root}`), "notHere");
    const idFile = join(this.root, "ids", String(artifactId));
    const location = await readFile(idFile, "utf8").catch((error) => {
      if (error.code === "ENOENT") return void 0;
      throw new UserError(`${idFile}: it cannot be read (${error.message}), so artifact ${artifactId} cannot be found; run the training again`);
    });
    if (!location?.startsWith(`${runId}/`)) throw notHere();
    const directory = join(this.root, location);
    const record = await readRecord(directory);
    if (!("artifact" in record)) {
      if (record.problem === void 0) throw notHere();
      throw new UserError(`${recordFile(directory)}: ${record.problem}, so artifact ${artifactId} of run ${runId} cannot be used; delete ${directory}, or run the training again`);
    }
    if (record.artifact.id !== artifactId) throw notHere();
    return { directory, artifact: record.artifact };
  }
};
function recordFile(directory) {
  return join(directory, "artifact.json");
}
__name(recordFile, "recordFile");
async function readRecord(directory) {
  let text;
  try {
    text = await readFile(recordFile(directory), "utf8");
  } catch (error) {
    const { code, message } = error;
    return code === "ENOENT" || code === "ENOTDIR" ? {} : { problem: `it cannot be read (${message})` };
  }
  let record;
  try {
    record = JSON.parse(text);
  } catch (error) {
    return { problem: `it is not valid JSON (${error.message})` };
  }
  const { id, name, size, digest } = record ?? {};
  if (typeof id !== "number" || typeof name !== "string" || typeof size !== "number" || typeof digest !== "string") {
    return { problem: 'it is not an artifact record (a number "id" and "size", a string "name" and "digest")' };
  }
  return { artifact: { id, name, size, digest } };
}
__name(readRecord, "readRecord");
function relativeInside(root, file) {
  const path = relative(root, file);
  if (path === "" || path.startsWith("..") || isAbsolute(path)) throw new Error(`${file} is not inside the artifact's root ${root}`);
  return path.split(sep).join("/");
}
__name(relativeInside, "relativeInside");
async function filesBelow(directory) {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join("/"));
}
__name(filesBelow, "filesBelow");
async function digestOf(directory, paths) {
  const hash = createHash("sha256");
  let size = 0;
  const ordered = [...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const path of ordered) {
    const file = join(directory, path);
    const bytes = (await stat(file)).size;
    hash.update(`${path}\0${bytes}\0`);
    for await (const chunk of createReadStream(file)) hash.update(chunk);
    size += bytes;
  }
  return { size, digest: `sha256:${hash.digest("hex")}` };
}
__name(digestOf, "digestOf");
async function copyReplacing(source, target) {
  await mkdir(dirname(target), { recursive: true });
  await rm(target, { force: true });
  await copyFile(source, target, constants.COPYFILE_FICLONE);
}
__name(copyReplacing, "copyReplacing");

export {
  FsArtifactStore
};
