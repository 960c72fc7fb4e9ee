import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  isRelativePathInside
} from "./chunk-UUCS4V4X.js";
import {
  requiredEnv
} from "./chunk-PTU7GM4Q.js";
import {
  isNotFound,
  requestStatus
} from "./chunk-GCMKBNH7.js";
import {
  UserError,
  escapeControlCharacters,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/github/artifact-store.ts
import { mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

// src/core/zip-entry.ts
import { crc32, inflateRawSync } from "node:zlib";
var ZIP_FIRST_TAIL_BYTES = 16 * 1024;
var ZIP_TAIL_BYTES = 22 + 65535 + 20 + 56;
var MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;
var MAX_ENTRIES = 1e6;
var MAX_NAME_LENGTH = 4200;
var END_OF_CENTRAL_DIRECTORY = 101010256;
var ZIP64_END_LOCATOR = 117853008;
var ZIP64_END_OF_CENTRAL_DIRECTORY = 101075792;
var CENTRAL_HEADER = 33639248;
var LOCAL_HEADER = 67324752;
var CENTRAL_HEADER_SIZE = 46;
var LOCAL_HEADER_SIZE = 30;
var ZIP64_EXTRA = 1;
var STORED = 0;
var DEFLATED = 8;
var LOCAL_EXTRA_ALLOWANCE = 1024;
async function readZipEntry(archive, path, options) {
  const refuse = /* @__PURE__ */ __name((reason) => new UserError(`${options.source} is not a zip archive model-ci can read: ${reason}`), "refuse");
  if (archive.size < 22) throw refuse(`it is ${archive.size} bytes long, shorter than any zip archive`);
  let tailOffset = Math.max(0, archive.size - ZIP_FIRST_TAIL_BYTES);
  let tail = await archive.read(tailOffset, archive.size - tailOffset);
  if (tailOffset > 0 && findEndRecord(tail) === void 0) {
    tailOffset = Math.max(0, archive.size - ZIP_TAIL_BYTES);
    tail = await archive.read(tailOffset, archive.size - tailOffset);
  }
  const bytesAt = /* @__PURE__ */ __name((offset, length) => offset >= tailOffset ? Promise.resolve(tail.subarray(offset - tailOffset, offset - tailOffset + length)) : archive.read(offset, length), "bytesAt");
  const directory = await locateCentralDirectory(tail, tailOffset, bytesAt, refuse);
  const entry = findEntry(await bytesAt(directory.offset, directory.size), directory, path, refuse);
  if (entry === void 0) return void 0;
  const shown = showUntrusted(path, 200);
  if ((entry.flags & 1) !== 0) throw refuse(`${shown} is encrypted`);
  if (entry.method !== STORED && entry.method !== DEFLATED) throw refuse(`${shown} is compressed with method ${entry.method}; only stored and deflated files are read`);
  if (entry.size > options.maxBytes) {
    throw new UserError(`${options.source}: ${path} is ${entry.size} bytes, more than the ${options.maxBytes} model-ci reads`);
  }
  const largestCompressed = entry.method === STORED ? entry.size : entry.size + Math.ceil(entry.size / 8) + 1024;
  if (entry.compressedSize > largestCompressed) throw refuse(`${shown} declares ${entry.compressedSize} compressed bytes for ${entry.size} bytes of content`);
  const data = await entryData(entry, directory, bytesAt, refuse);
  const content = entry.method === STORED ? data : inflate(data, entry.size, shown, refuse);
  if (content.length !== entry.size) throw refuse(`${shown} holds ${content.length} bytes, not the ${entry.size} its header declares`);
  if (crc32(content) !== entry.crc) throw refuse(`the content of ${shown} does not match its CRC-32: the archive is corrupt`);
  return content;
}
__name(readZipEntry, "readZipEntry");
async function locateCentralDirectory(tail, tailOffset, bytesAt, refuse) {
  const end = findEndRecord(tail);
  if (end === void 0) throw refuse("it has no end of central directory record, so it is not a zip archive or it was cut short");
  const endOffset = tailOffset + end;
  if (tail.readUInt16LE(end + 4) !== 0 || tail.readUInt16LE(end + 6) !== 0) throw refuse("it spans several disks");
  let entries = tail.readUInt16LE(end + 10);
  let size = tail.readUInt32LE(end + 12);
  let offset = tail.readUInt32LE(end + 16);
  let directoryEnd = endOffset;
  if (entries === 65535 || size === 4294967295 || offset === 4294967295) {
    if (endOffset < 20) throw refuse("its end record points to ZIP64 records that are not there");
    const locator = await bytesAt(endOffset - 20, 20);
    if (locator.readUInt32LE(0) !== ZIP64_END_LOCATOR) throw refuse("its end record points to ZIP64 records that are not there");
    const recordOffset = safeNumber(locator.readBigUInt64LE(8));
    if (recordOffset === void 0 || recordOffset + 56 > endOffset - 20) throw refuse("its ZIP64 end record lies outside the archive");
    const record = await bytesAt(recordOffset, 56);
    if (record.readUInt32LE(0) !== ZIP64_END_OF_CENTRAL_DIRECTORY) throw refuse("its ZIP64 end record is missing");
    const total = safeNumber(record.readBigUInt64LE(32));
    const zip64Size = safeNumber(record.readBigUInt64LE(40));
    const zip64Offset = safeNumber(record.readBigUInt64LE(48));
    if (total === void 0 || zip64Size === void 0 || zip64Offset === void 0) throw refuse("its ZIP64 end record declares sizes beyond any archive");
    entries = total;
    size = zip64Size;
    offset = zip64Offset;
    directoryEnd = recordOffset;
  }
  if (entries > MAX_ENTRIES) throw refuse(`it declares ${entries} entries, more than the ${MAX_ENTRIES} model-ci reads`);
  if (size > MAX_CENTRAL_DIRECTORY_BYTES) throw refuse(`its central directory is ${size} bytes, more than the ${MAX_CENTRAL_DIRECTORY_BYTES} model-ci reads`);
  if (offset + size > directoryEnd) throw refuse("its central directory lies outside the archive");
  if (entries * CENTRAL_HEADER_SIZE > size) throw refuse(`its central directory of ${size} bytes cannot hold the ${entries} entries it declares`);
  return { offset, size, entries };
}
__name(locateCentralDirectory, "locateCentralDirectory");
function findEndRecord(tail) {
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 65535); at -= 1) {
    if (tail.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + 22 + tail.readUInt16LE(at + 20) === tail.length) return at;
  }
  return void 0;
}
__name(findEndRecord, "findEndRecord");
function findEntry(bytes, directory, path, refuse) {
  let found;
  let at = 0;
  for (let index = 0; index < directory.entries; index += 1) {
    if (at + CENTRAL_HEADER_SIZE > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_HEADER) {
      throw refuse(`entry ${index + 1} of ${directory.entries} is not where the central directory says`);
    }
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const next = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
    if (next > bytes.length) throw refuse(`entry ${index + 1} runs past the end of the central directory`);
    const nameBytes = bytes.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength);
    const name = nameBytes.toString("utf8");
    if (nameBytes.includes(0)) throw refuse(`an entry's name holds a NUL byte: ${showUntrusted(name, 200)}`);
    if (!isRelativePathInside(name.endsWith("/") ? name.slice(0, -1) : name, MAX_NAME_LENGTH)) {
      throw refuse(`an entry's name is not a relative path inside the archive (an absolute path, ".", ".." or empty parts, or a backslash): ${showUntrusted(name, 200)}`);
    }
    if (name === path) {
      if (found !== void 0) throw refuse(`it holds ${showUntrusted(path, 200)} twice`);
      const extra = bytes.subarray(at + CENTRAL_HEADER_SIZE + nameLength, at + CENTRAL_HEADER_SIZE + nameLength + extraLength);
      const sizes = withZip64Sizes(
        { size: bytes.readUInt32LE(at + 24), compressedSize: bytes.readUInt32LE(at + 20), localOffset: bytes.readUInt32LE(at + 42) },
        extra,
        () => refuse(`the ZIP64 sizes of ${showUntrusted(path, 200)} are missing or too large`)
      );
      found = { name, flags: bytes.readUInt16LE(at + 8), method: bytes.readUInt16LE(at + 10), crc: bytes.readUInt32LE(at + 16), ...sizes, nameBytes, extraLength };
    }
    at = next;
  }
  return found;
}
__name(findEntry, "findEntry");
function withZip64Sizes(declared, extra, invalid) {
  const wanted = ["size", "compressedSize", "localOffset"].filter((field) => declared[field] === 4294967295);
  if (wanted.length === 0) return declared;
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      if (length < wanted.length * 8 || at + 4 + length > extra.length) throw invalid();
      const sizes = { ...declared };
      wanted.forEach((field, index) => {
        const value = safeNumber(extra.readBigUInt64LE(at + 4 + index * 8));
        if (value === void 0) throw invalid();
        sizes[field] = value;
      });
      return sizes;
    }
    at += 4 + length;
  }
  throw invalid();
}
__name(withZip64Sizes, "withZip64Sizes");
async function entryData(entry, directory, bytesAt, refuse) {
  const shown = showUntrusted(entry.name, 200);
  if (entry.localOffset + LOCAL_HEADER_SIZE + entry.nameBytes.length + entry.compressedSize > directory.offset) {
    throw refuse(`${shown} lies outside the archive's data`);
  }
  const expectedHeader = LOCAL_HEADER_SIZE + entry.nameBytes.length + entry.extraLength;
  const length = Math.min(expectedHeader + LOCAL_EXTRA_ALLOWANCE + entry.compressedSize, directory.offset - entry.localOffset);
  const bytes = await bytesAt(entry.localOffset, length);
  if (bytes.readUInt32LE(0) !== LOCAL_HEADER) throw refuse(`${shown} has no local header where the central directory says`);
  const nameLength = bytes.readUInt16LE(26);
  const dataStart = LOCAL_HEADER_SIZE + nameLength + bytes.readUInt16LE(28);
  if (!bytes.subarray(LOCAL_HEADER_SIZE, LOCAL_HEADER_SIZE + nameLength).equals(entry.nameBytes)) {
    throw refuse(`the local header of ${shown} names another file`);
  }
  if (dataStart + entry.compressedSize > bytes.length) throw refuse(`the local header of ${shown} leaves no room for its data`);
  return bytes.subarray(dataStart, dataStart + entry.compressedSize);
}
__name(entryData, "entryData");
function inflate(data, size, shown, refuse) {
  try {
    return inflateRawSync(data, { maxOutputLength: size + 1 });
  } catch (error) {
    if (error.code === "ERR_BUFFER_TOO_LARGE") throw refuse(`${shown} inflates to more than the ${size} bytes its header declares`);
    throw refuse(`${shown} cannot be inflated (${error.message})`);
  }
}
__name(inflate, "inflate");
function safeNumber(value) {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : void 0;
}
__name(safeNumber, "safeNumber");

// src/adapters/github/blob-ranges.ts
var REQUEST_TIMEOUT_MS = 12e4;
async function openBlobRanges(signedUrl, options) {
  const { what, tailBytes } = options;
  let size = Math.max(1, options.listedSize);
  for (let attempt = 1; ; attempt += 1) {
    const answer = await getRange(signedUrl, Math.max(0, size - tailBytes), size - 1, what);
    if (answer.kind === "whole") return inMemory(answer.bytes);
    if (answer.total === 0) return inMemory(Buffer.alloc(0));
    if (answer.total === size) {
      const blobSize = size;
      const tail = answer.bytes;
      const tailOffset = blobSize - tail.length;
      return {
        size: blobSize,
        read: /* @__PURE__ */ __name((offset, length) => offset >= tailOffset ? Promise.resolve(tail.subarray(offset - tailOffset, offset - tailOffset + length)) : readRange(signedUrl, { offset, length, blobSize }, what), "read")
      };
    }
    if (attempt === 2) throw new UserError(`${what} changed size while it was being read; run the report again`);
    size = answer.total;
  }
}
__name(openBlobRanges, "openBlobRanges");
async function readRange(url, range, what) {
  const answer = await getRange(url, range.offset, range.offset + range.length - 1, what);
  if (answer.kind === "whole") throw new UserError(`${what}: the storage stopped serving byte ranges while it was being read; run the report again`);
  if (answer.total !== range.blobSize) throw new UserError(`${what} changed size while it was being read; run the report again`);
  return answer.bytes;
}
__name(readRange, "readRange");
async function getRange(url, first, last, what) {
  const wanted = last - first + 1;
  const response = await fetchOrFail(url, { headers: { range: `bytes=${first}-${last}`, "accept-encoding": "identity" }, redirect: "error" }, what);
  if (response.status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get("content-range") ?? "");
    const total = Number(range?.[3]);
    if (!range || Number(range[1]) !== first || Number(range[2]) !== last && total > last) {
      await response.body?.cancel();
      throw new UserError(`${what}: the storage answered a read of bytes ${first}-${last} with another range`);
    }
    const bytes = await readAtMost(response, wanted, what);
    if (total > last && bytes.length !== wanted) throw new UserError(`${what}: the storage sent ${bytes.length} of the ${wanted} bytes asked for`);
    return { kind: "range", total, bytes };
  }
  if (response.status === 416) {
    await response.body?.cancel();
    const total = Number(/^bytes \*\/(\d+)$/.exec(response.headers.get("content-range") ?? "")?.[1]);
    if (Number.isSafeInteger(total)) return { kind: "range", total, bytes: Buffer.alloc(0) };
    throw new UserError(`${what} is shorter than its listed size`);
  }
  if (response.status === 200) {
    if (first === 0) {
      const bytes = await readAtMost(response, wanted, what);
      if (bytes.length <= wanted) return { kind: "whole", bytes };
    } else {
      await response.body?.cancel();
    }
    throw new UserError(`${what}: the storage ignored the byte range asked for and sends the whole artifact, which is larger than the ${wanted} bytes model-ci reads of it; it was not downloaded`);
  }
  await response.body?.cancel();
  throw new Error(`${what}: unexpected answer from blob storage: ${response.status}`);
}
__name(getRange, "getRange");
async function fetchOrFail(url, init, what) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const cause = error.cause?.code;
    throw new Error(`${what}: fetch failed (${typeof cause === "string" ? cause : error.name})`, { cause: error });
  }
}
__name(fetchOrFail, "fetchOrFail");
async function readAtMost(response, limit, what) {
  if (!response.body) return Buffer.alloc(0);
  const chunks = [];
  let length = 0;
  const reader = response.body.getReader();
  try {
    while (length <= limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      length += value.byteLength;
    }
  } catch (error) {
    throw new Error(`${what}: fetch failed while reading (${error.message})`, { cause: error });
  } finally {
    await reader.cancel().catch(() => void 0);
  }
  return Buffer.concat(chunks, length).subarray(0, limit + 1);
}
__name(readAtMost, "readAtMost");
function inMemory(bytes) {
  return { size: bytes.length, read: /* @__PURE__ */ __name((offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)), "read") };
}
__name(inMemory, "inMemory");

// src/adapters/github/results-service.ts
var ARTIFACT_SERVICE = "github.actions.results.api.v1.ArtifactService";
async function listRunArtifacts(env, filter = {}) {
  const service = resultsService(env);
  const { artifacts = [] } = await service.call("ListArtifacts", { ...service.ids, ...filter.name === void 0 ? {} : { name_filter: filter.name } });
  return artifacts.flatMap((artifact) => {
    const id = Number(artifact.database_id);
    const size = Number(artifact.size ?? 0);
    if (!artifact.name || !Number.isSafeInteger(id) || !Number.isSafeInteger(size)) return [];
    return [artifact.digest ? { id, name: artifact.name, size, digest: artifact.digest } : { id, name: artifact.name, size }];
  });
}
__name(listRunArtifacts, "listRunArtifacts");
async function signedArtifactUrl(env, artifactId) {
  const service = resultsService(env);
  const listed = await service.call("ListArtifacts", { ...service.ids, id_filter: String(artifactId) });
  const artifact = listed.artifacts?.[0];
  if (!artifact?.name || !artifact.workflow_run_backend_id || !artifact.workflow_job_run_backend_id) return void 0;
  const { signed_url: url } = await service.call("GetSignedArtifactURL", {
    workflow_run_backend_id: artifact.workflow_run_backend_id,
    workflow_job_run_backend_id: artifact.workflow_job_run_backend_id,
    name: artifact.name
  });
  if (typeof url !== "string" || url === "") throw new Error(`GetSignedArtifactURL gave no URL for artifact ${artifactId}`);
  return url;
}
__name(signedArtifactUrl, "signedArtifactUrl");
function resultsService(env) {
  const token = env.ACTIONS_RUNTIME_TOKEN;
  const resultsUrl = env.ACTIONS_RESULTS_URL;
  if (!token || !resultsUrl) throw new Error("ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set: artifacts can only be read in a GitHub Actions job");
  const { workflowRunBackendId, workflowJobRunBackendId } = backendIds(token);
  return {
    call: /* @__PURE__ */ __name((method, body) => callTwirp(new URL(`/twirp/${ARTIFACT_SERVICE}/${method}`, resultsUrl).href, token, method, body), "call"),
    ids: { workflow_run_backend_id: workflowRunBackendId, workflow_job_run_backend_id: workflowJobRunBackendId }
  };
}
__name(resultsService, "resultsService");
async function callTwirp(url, token, method, body) {
  const response = await fetchOrFail(
    url,
    { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) },
    `Failed to ${method}`
  );
  let answer;
  try {
    answer = JSON.parse(await response.text());
  } catch {
    answer = void 0;
  }
  if (!response.ok) {
    const said = answer?.msg;
    throw new Error(`Failed to ${method}: (${response.status})${typeof said === "string" ? ` ${escapeControlCharacters(said.slice(0, 300))}` : ""}`);
  }
  if (answer === void 0) throw new Error(`Failed to ${method}: the results service answered with something other than JSON`);
  return answer;
}
__name(callTwirp, "callTwirp");
function backendIds(token) {
  let claims;
  try {
    claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
  } catch {
    claims = {};
  }
  const scope = typeof claims.scp === "string" ? claims.scp.split(" ").find((part) => part.startsWith("Actions.Results:")) : void 0;
  const [, workflowRunBackendId, workflowJobRunBackendId, ...rest] = scope?.split(":") ?? [];
  if (!workflowRunBackendId || !workflowJobRunBackendId || rest.length > 0) {
    throw new UserError("ACTIONS_RUNTIME_TOKEN has no Actions.Results scope, so this run's artifacts cannot be read; is this step running in a GitHub Actions job?");
  }
  return { workflowRunBackendId, workflowJobRunBackendId };
}
__name(backendIds, "backendIds");

// src/adapters/github/artifact-store.ts
var TRANSIENT_RETRIES = 3;
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var GitHubArtifactStore = class {
  constructor(options) {
    this.options = options;
  }
  options;
  static {
    __name(this, "GitHubArtifactStore");
  }
  loadedClient;
  restClient;
  async upload(name, rootDirectory, files, options) {
    const client = await this.client();
    if (this.options.runAttempt > 1) await this.deleteIfPresent(name);
    const upload = /* @__PURE__ */ __name(async () => {
      try {
        return await client.uploadArtifact(name, files, rootDirectory, options);
      } catch (error) {
        if (!isNameConflict(error)) throw error;
        this.options.logger.info(`Artifact "${name}" already exists in this run; replacing it`);
        await this.deleteIfPresent(name);
        return client.uploadArtifact(name, files, rootDirectory, options);
      }
    }, "upload");
    let result;
    try {
      result = await this.retryingTransientFailures(`Upload of artifact "${name}"`, upload, isResultsServiceError);
    } catch (error) {
      const reason = messageOf(error).split("\n")[0];
      throw new UserError(`artifact "${name}" could not be uploaded: ${reason}; re-run the job (GitHub's artifact storage may be having trouble)`, {
        cause: error
      });
    }
    const { id, size, digest } = result;
    if (id === void 0 || size === void 0 || digest === void 0) {
      throw new Error(`The upload of artifact "${name}" returned no id, size or digest`);
    }
    return { id, name, size, digest: `sha256:${digest}` };
  }
  async list(runId, options = {}) {
    const listed = runId === void 0 || runId === this.options.runId ? await this.retryingTransientFailures("Listing the artifacts of this run", () => listRunArtifacts(process.env, options)) : await this.listRun(runId, options.name);
    return newestOfEachName(listed.filter((artifact) => options.name === void 0 || artifact.name === options.name));
  }
  /**
   * Another run's artifacts, from the REST API with the retrying client rather than through
   * @actions/artifact: that client is 2 MB of JavaScript, about 125 ms to load, which detect
   * (reading the ledger past max-jobs) and report (reading baselines) would pay only for this
   * list; and it stops at 1,000 artifacts, where a run of 2,000 models holds 2,000.
   */
  async listRun(runId, name) {
    const { owner, repo } = this.options.repository;
    const client = await this.rest();
    const artifacts = await client.paginate(client.rest.actions.listWorkflowRunArtifacts, { owner, repo, run_id: runId, per_page: 100, ...name === void 0 ? {} : { name } }).catch((error) => {
      if (isNotFound2(error)) return [];
      throw error;
    });
    return artifacts.map(({ id, name: name2, size_in_bytes: size, digest }) => digest ? { id, name: name2, size, digest } : { id, name: name2, size });
  }
  async download(artifactId, destination, options = {}) {
    const { runId, expectedDigest } = options;
    if (expectedDigest !== void 0 && !DIGEST.test(expectedDigest)) {
      throw new Error(`An expected artifact digest has the form sha256:<64 hex digits>, not "${expectedDigest}"`);
    }
    const client = await this.client();
    await mkdir(dirname(destination), { recursive: true });
    const staging = await mkdtemp(join(dirname(destination), `.${basename(destination)}.download-`));
    try {
      const { digestMismatch } = await this.retryingTransientFailures(`Download of artifact ${artifactId}`, async () => {
        await rm(staging, { recursive: true, force: true });
        await mkdir(staging);
        return client.downloadArtifact(artifactId, { path: staging, expectedHash: expectedDigest, ...this.findOptions(runId) });
      });
      if (digestMismatch) {
        const artifact = await this.describe(artifactId, runId);
        throw new UserError(
          `${artifact} does not match its digest ${expectedDigest}: its content changed after it was uploaded, so it was not used. Run the training that produced it again.`
        );
      }
      await moveInto(staging, destination);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  /**
   * Reads the archive GitHub stores the artifact as with HTTP range requests on its signed URL:
   * its end, its central directory, and the file's own bytes (see readZipEntry), never the rest.
   */
  async readFile(artifact, path, options) {
    const { runId, maxBytes } = options;
    const what = `artifact ${showUntrusted(artifact.name, 120)} (id ${artifact.id})${runId === void 0 ? "" : ` of run ${runId}`}`;
    const content = await this.retryingTransientFailures(`Reading ${path} from ${what}`, async () => {
      const url = await this.signedUrl(artifact.id, runId);
      if (url === void 0) throw new UserError(`${what} was not found; it may have expired or been deleted`);
      const archive = await openBlobRanges(url, { listedSize: artifact.size, tailBytes: ZIP_FIRST_TAIL_BYTES, what });
      return readZipEntry(archive, path, { maxBytes, source: what });
    });
    return content?.toString("utf8");
  }
  /** The artifact's signed blob URL: from the results service for this run, from the REST API's redirect for another. */
  async signedUrl(artifactId, runId) {
    if (runId === void 0 || runId === this.options.runId) return signedArtifactUrl(process.env, artifactId);
    const { owner, repo } = this.options.repository;
    try {
      const { status, headers } = await (await this.rest()).rest.actions.downloadArtifact({
        owner,
        repo,
        artifact_id: artifactId,
        archive_format: "zip",
        request: { redirect: "manual" }
      });
      if (status !== 302 || typeof headers.location !== "string") throw new Error(`The download of artifact ${artifactId} answered ${status} without a redirect to blob storage`);
      return headers.location;
    } catch (error) {
      if (isNotFound2(error)) return void 0;
      throw error;
    }
  }
  rest() {
    this.restClient ??= import("./octokit-4PBSOXXT.js").then(({ createGitHubClient }) => createGitHubClient(this.options.token));
    return this.restClient;
  }
  client() {
    this.loadedClient ??= import("./artifact-YKF4PT2K.js").then((artifact) => new artifact.DefaultArtifactClient());
    return this.loadedClient;
  }
  /** This run's artifacts go through the results service; another run's need the REST API. */
  findOptions(runId) {
    if (runId === void 0 || runId === this.options.runId) return {};
    const { token, repository } = this.options;
    return { findBy: { token, workflowRunId: runId, repositoryOwner: repository.owner, repositoryName: repository.repo } };
  }
  async deleteIfPresent(name) {
    const client = await this.client();
    try {
      const { id } = await client.deleteArtifact(name);
      this.options.logger.info(`Deleted artifact "${name}" (id ${id}) left by an earlier attempt of this run`);
    } catch (error) {
      if (!isNotFound2(error)) throw error;
    }
  }
  /**
   * The results-service client gives up at once on a dropped connection (uploads and downloads),
   * and with `findBy` the request that redirects to blob storage is not retried at all: retry
   * those here.
   */
  async retryingTransientFailures(what, work, retriable = () => true) {
    const baseDelayMs = this.options.retryDelayMs ?? 1e3;
    for (let retry = 0; ; retry += 1) {
      try {
        return await work();
      } catch (error) {
        if (retry === TRANSIENT_RETRIES || !isTransient(error) || !retriable(error)) throw error;
        const delayMs = baseDelayMs * 2 ** retry;
        this.options.logger.info(`${what} failed (${messageOf(error)}); retry ${retry + 1} of ${TRANSIENT_RETRIES} in ${delayMs} ms`);
        await sleep(delayMs);
      }
    }
  }
  /** `artifact "name" (id N) of run R` when the name can be found, for messages. */
  async describe(artifactId, runId) {
    const run = runId === void 0 ? "" : ` of run ${runId}`;
    try {
      const found = (await this.list(runId)).find((artifact) => artifact.id === artifactId);
      if (found) return `Artifact "${found.name}" (id ${artifactId})${run}`;
    } catch (error) {
      this.options.logger.debug(`Could not look up the name of artifact ${artifactId}: ${messageOf(error)}`);
    }
    return `Artifact ${artifactId}${run}`;
  }
};
async function moveInto(source, target) {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isDirectory() && await isDirectory(to)) {
      await moveInto(from, to);
    } else {
      await rm(to, { recursive: true, force: true });
      await rename(from, to);
    }
  }
}
__name(moveInto, "moveInto");
async function isDirectory(path) {
  return (await stat(path).catch(() => void 0))?.isDirectory() ?? false;
}
__name(isDirectory, "isDirectory");
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
__name(messageOf, "messageOf");
function isNameConflict(error) {
  return /\(409\)|already exists/i.test(messageOf(error));
}
__name(isNameConflict, "isNameConflict");
function isResultsServiceError(error) {
  return /^Failed to [A-Z][A-Za-z]+Artifact\b/.test(messageOf(error));
}
__name(isResultsServiceError, "isResultsServiceError");
function isNotFound2(error) {
  return error instanceof Error && error.name === "ArtifactNotFoundError" || requestStatus(error) === 404 || /\(404\)/.test(messageOf(error));
}
__name(isNotFound2, "isNotFound");
function isTransient(error) {
  const status = requestStatus(error);
  if (status !== void 0) return status >= 500;
  return /\(5\d\d\)|blob storage: 5\d\d|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|fetch failed|other side closed/i.test(messageOf(error));
}
__name(isTransient, "isTransient");
function newestOfEachName(artifacts) {
  const newest = /* @__PURE__ */ new Map();
  for (const artifact of [...artifacts].sort((a, b) => b.id - a.id)) if (!newest.has(artifact.name)) newest.set(artifact.name, artifact);
  return [...newest.values()];
}
__name(newestOfEachName, "newestOfEachName");

// src/adapters/github/branch-history.ts
var GitHubBranchHistory = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  static {
    __name(this, "GitHubBranchHistory");
  }
  tips = /* @__PURE__ */ new Map();
  answers = /* @__PURE__ */ new Map();
  contains(branch, sha) {
    const key = `${branch}\0${sha}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.ask(branch, sha);
      void answer.catch(() => this.answers.delete(key));
      this.answers.set(key, answer);
    }
    return answer;
  }
  async ask(branch, sha) {
    const tip = await this.tipOf(branch);
    if (tip === void 0) return false;
    if (tip === sha) return true;
    try {
      const { data } = await this.client.rest.repos.compareCommitsWithBasehead({ ...this.repository, basehead: `${sha}...${tip}`, per_page: 1 });
      return data.status === "ahead" || data.status === "identical";
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
  tipOf(branch) {
    let tip = this.tips.get(branch);
    if (!tip) {
      tip = this.client.rest.repos.getBranch({ ...this.repository, branch }).then(
        ({ data }) => data.commit.sha,
        (error) => {
          if (isNotFound(error)) return void 0;
          throw error;
        }
      );
      void tip.catch(() => this.tips.delete(branch));
      this.tips.set(branch, tip);
    }
    return tip;
  }
};

// src/adapters/github/workflow-context.ts
function runAttempt(env) {
  const id = positiveInteger("GITHUB_RUN_ID", requiredEnv("GITHUB_RUN_ID", env));
  const attempt = env.GITHUB_RUN_ATTEMPT ? positiveInteger("GITHUB_RUN_ATTEMPT", env.GITHUB_RUN_ATTEMPT) : 1;
  return { id, attempt };
}
__name(runAttempt, "runAttempt");
function currentRun(env) {
  const { id, attempt } = runAttempt(env);
  const serverUrl = requiredEnv("GITHUB_SERVER_URL", env).replace(/\/+$/, "");
  const repository = requiredEnv("GITHUB_REPOSITORY", env);
  return { id, attempt, url: `${serverUrl}/${repository}/actions/runs/${id}`, workflowName: requiredEnv("GITHUB_WORKFLOW", env) };
}
__name(currentRun, "currentRun");
function positiveInteger(name, value) {
  const number = /^[1-9]\d{0,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) {
    throw new UserError(`environment variable ${name} is ${showUntrusted(value, 40)}, not a whole number above 0; model-ci reads the value the GitHub Actions runner sets`);
  }
  return number;
}
__name(positiveInteger, "positiveInteger");
function commandEnv(env) {
  const result = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== void 0 && !name.startsWith("INPUT_") && name !== "ACTIONS_RUNTIME_TOKEN" && name !== "ACTIONS_ID_TOKEN_REQUEST_TOKEN") {
      result[name] = value;
    }
  }
  return result;
}
__name(commandEnv, "commandEnv");

// src/adapters/github/workflow-runs.ts
var PER_PAGE = 100;
var GitHubWorkflowRuns = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  static {
    __name(this, "GitHubWorkflowRuns");
  }
  async get(runId) {
    try {
      const { data } = await this.client.rest.actions.getWorkflowRun({ ...this.repository, run_id: runId });
      return toWorkflowRun(data);
    } catch (error) {
      if (isNotFound(error)) return void 0;
      throw error;
    }
  }
  async listCompleted(filter) {
    if (filter.limit <= 0) return [];
    const query = {
      ...this.repository,
      status: "completed",
      branch: filter.branch,
      event: filter.event,
      head_sha: filter.headSha,
      per_page: PER_PAGE
    };
    const runs = [];
    const pages = filter.workflowId === void 0 ? this.client.paginate.iterator(this.client.rest.actions.listWorkflowRunsForRepo, query) : this.client.paginate.iterator(this.client.rest.actions.listWorkflowRuns, { ...query, workflow_id: filter.workflowId });
    for await (const page of pages) {
      for (const run of page.data) {
        runs.push(toWorkflowRun(run));
        if (runs.length >= filter.limit) return runs;
      }
    }
    return runs;
  }
  async listJobs(runId) {
    const jobs = await this.client.paginate(this.client.rest.actions.listJobsForWorkflowRun, { ...this.repository, run_id: runId, filter: "latest", per_page: PER_PAGE });
    return jobs.flatMap((job) => job.html_url ? [{ name: job.name, conclusion: job.conclusion, url: job.html_url }] : []);
  }
};
function toWorkflowRun(run) {
  return {
    id: run.id,
    workflowId: run.workflow_id,
    headSha: run.head_sha,
    headBranch: run.head_branch,
    // The schema calls it required, but a deleted fork's runs come without it.
    headRepository: run.head_repository?.full_name ?? null,
    event: run.event,
    // GitHub always gives a status; the schema allows null.
    status: run.status ?? "unknown",
    conclusion: run.conclusion,
    createdAt: run.created_at,
    url: run.html_url
  };
}
__name(toWorkflowRun, "toWorkflowRun");

export {
  GitHubArtifactStore,
  GitHubBranchHistory,
  runAttempt,
  currentRun,
  commandEnv,
  GitHubWorkflowRuns
};
