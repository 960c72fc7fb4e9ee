import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  LOCAL_STATE_DIR
} from "./chunk-ULXBQXHO.js";
import {
  UserError
} from "./chunk-ELOHUP5D.js";

// src/adapters/local/fs-artifact-store.ts
import { createHash, randomBytes } from "node:crypto";
import { constants, createReadStream } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var FORBIDDEN_IN_NAME = /[":<>|*?\r\n\\/]|^\./;
var FsArtifactStore = class {
  constructor(repositoryRoot, runId) {
    this.runId = runId;
    this.root = join(repositoryRoot, LOCAL_STATE_DIR, "artifacts");
  }
  runId;
  root;
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
      artifacts.push(await readRecord(join(runDirectory, name)));
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
  /** Moves the staged artifact to `target`, replacing (and forgetting the id of) an earlier one. */
  async putInPlace(staging, target) {
    const replaced = await readRecord(target).catch(() => void 0);
    if (replaced) {
      const trash = `${target}.replaced-${randomBytes(6).toString("hex")}`;
      await rename(target, trash);
      await rename(staging, target);
      await rm(trash, { recursive: true, force: true });
      await rm(join(this.root, "ids", String(replaced.id)), { force: true });
    } else {
      await rename(staging, target);
    }
  }
  async locate(artifactId, runId) {
    const location = await readFile(join(this.root, "ids", String(artifactId)), "utf8").catch(() => void 0);
    if (location?.startsWith(`${runId}/`)) {
      const directory = join(this.root, location);
      const artifact = await readRecord(directory).catch(() => void 0);
      if (artifact?.id === artifactId) return { directory, artifact };
    }
    throw new UserError(`Artifact ${artifactId} of run ${runId} is not in ${this.root}`);
  }
};
async function readRecord(directory) {
  const file = join(directory, "artifact.json");
  const record = JSON.parse(await readFile(file, "utf8"));
  const { id, name, size, digest } = record ?? {};
  if (typeof id !== "number" || typeof name !== "string" || typeof size !== "number" || typeof digest !== "string") {
    throw new Error(`${file} is not an artifact record`);
  }
  return { id, name, size, digest };
}
function relativeInside(root, file) {
  const path = relative(root, file);
  if (path === "" || path.startsWith("..") || isAbsolute(path)) throw new Error(`${file} is not inside the artifact's root ${root}`);
  return path.split(sep).join("/");
}
async function filesBelow(directory) {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join("/"));
}
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
async function copyReplacing(source, target) {
  await mkdir(dirname(target), { recursive: true });
  await rm(target, { force: true });
  await copyFile(source, target, constants.COPYFILE_FICLONE);
}

export {
  FsArtifactStore
};
