import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  METRICS_FILE,
  REPORT_FILE
} from "./chunk-74SU5PBT.js";
import {
  readGitLabContext
} from "./chunk-TM5U5NKY.js";
import {
  validateCacheRequest
} from "./chunk-YMBPVG4G.js";
import {
  PROMOTION_TASK,
  parsePromotionPayload
} from "./chunk-CPDECAPN.js";
import {
  isRelativePathInside
} from "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-C7AT6DMJ.js";
import {
  array,
  boolean,
  nullable,
  number,
  object,
  optional,
  string
} from "./chunk-EC74IOCJ.js";
import {
  PermissionDeniedError
} from "./chunk-RTT2E5ZA.js";
import {
  UserError,
  escapeControlCharacters,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/gitlab-ports.ts
import { writeFile } from "node:fs/promises";

// src/adapters/git/checkout-branch-history.ts
var CheckoutBranchHistory = class {
  constructor(git) {
    this.git = git;
  }
  git;
  static {
    __name(this, "CheckoutBranchHistory");
  }
  refs = /* @__PURE__ */ new Map();
  unshallowed = false;
  async contains(branch, sha) {
    const ref = await this.branchRef(branch);
    if (ref === void 0) return false;
    if (await this.git.mergeBase(sha, ref) === sha) return true;
    if (this.unshallowed || !await this.git.isShallow()) return false;
    this.unshallowed = true;
    await this.git.fetch([remoteRefspec(branch)], { unshallow: true });
    return await this.git.mergeBase(sha, ref) === sha;
  }
  branchRef(branch) {
    let found = this.refs.get(branch);
    if (found === void 0) {
      found = (async () => {
        for (const ref of [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]) {
          if (await this.git.resolveCommit(ref) !== void 0) return ref;
        }
        if (!await this.git.fetch([remoteRefspec(branch)], {})) return void 0;
        const remote = `refs/remotes/origin/${branch}`;
        return await this.git.resolveCommit(remote) === void 0 ? void 0 : remote;
      })();
      this.refs.set(branch, found);
    }
    return found;
  }
};
function remoteRefspec(branch) {
  return `+refs/heads/${branch}:refs/remotes/origin/${branch}`;
}
__name(remoteRefspec, "remoteRefspec");

// src/adapters/gitlab/gitlab-api.ts
import { setTimeout as sleep } from "node:timers/promises";
var GitLabApiError = class extends Error {
  constructor(status, requestLine, said) {
    super(`GitLab answered ${requestLine} with ${status}${said ? ` (${said})` : ""}`);
    this.status = status;
    this.requestLine = requestLine;
    this.said = said;
    this.name = "GitLabApiError";
  }
  status;
  requestLine;
  said;
  static {
    __name(this, "GitLabApiError");
  }
};
var API_TOKEN_VARIABLE = "MODEL_CI_GITLAB_TOKEN";
function pipelinesNeedApiToken(what) {
  return new UserError(
    `${what} needs ${API_TOKEN_VARIABLE}: GitLab does not let CI_JOB_TOKEN read the pipelines API. Set ${API_TOKEN_VARIABLE} to a project access token with the api scope, as a masked CI/CD variable`,
    { input: API_TOKEN_VARIABLE }
  );
}
__name(pipelinesNeedApiToken, "pipelinesNeedApiToken");
var jobOfTokenSchema = object({
  pipeline: object({ id: number(), ref: nullable(string()), sha: string(), created_at: optional(string()) })
});
async function pipelineOfJobToken(api) {
  return (await api.json("GET", "/job", jobOfTokenSchema)).pipeline;
}
__name(pipelineOfJobToken, "pipelineOfJobToken");
function gitLabStatus(error) {
  return error instanceof GitLabApiError ? error.status : void 0;
}
__name(gitLabStatus, "gitLabStatus");
var MAX_SAID = 200;
var CONNECTION_ERROR = /fetch failed|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|other side closed|terminated/i;
var GitLabApi = class {
  constructor(options) {
    this.options = options;
    this.base = options.apiUrl.replace(/\/+$/, "");
  }
  options;
  static {
    __name(this, "GitLabApi");
  }
  base;
  /** `/projects/<id><path>`, the id URL-encoded (a path `group/project` becomes `group%2Fproject`). */
  projectPath(path) {
    return `/projects/${encodeURIComponent(this.options.projectId)}${path}`;
  }
  get tokenVariable() {
    return this.options.token.variable;
  }
  /** The successful response of `method path`, retried on 5xx, 429 and dropped connections. Its body is unread. */
  async request(method, path, options = {}) {
    const url = new URL(`${this.base}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== void 0) url.searchParams.set(name, String(value));
    const line = `${method} ${url.pathname}`;
    const retries = this.options.retries ?? 4;
    const baseDelay = this.options.retryDelayMs ?? 1e3;
    const maxRetryAfterS = this.options.maxRetryAfterS ?? 600;
    for (let attempt = 0; ; attempt += 1) {
      let response;
      try {
        const headers = { [this.options.token.header]: this.options.token.value, accept: "application/json" };
        let body;
        if (options.json !== void 0) {
          headers["content-type"] = "application/json";
          body = JSON.stringify(options.json);
        } else if (options.bytes) {
          headers["content-type"] = "application/octet-stream";
          body = options.bytes();
        }
        response = await fetch(url, { method, headers, body, ...body !== void 0 && typeof body !== "string" && !Buffer.isBuffer(body) ? { duplex: "half" } : {} });
      } catch (error) {
        const reason = connectionReason(error);
        if (reason === void 0) throw error;
        if (attempt >= retries) throw new UserError(`GitLab could not be reached for ${line} after ${retries + 1} tries (${reason}); check CI_API_V4_URL and re-run the job`, { cause: error });
        const delay2 = baseDelay * 2 ** attempt;
        this.options.logger.info(`${line} failed (${reason}); retry ${attempt + 1} of ${retries} in ${delay2} ms`);
        await sleep(delay2);
        continue;
      }
      if (response.ok) return response;
      const said = await saidBy(response);
      const transient = response.status >= 500 || response.status === 429;
      if (!transient || attempt >= retries) throw finalError(response.status, line, said, transient ? retries + 1 : 1);
      let delay = baseDelay * 2 ** attempt;
      if (response.status === 429) {
        const wait = retryAfterSeconds(response.headers.get("retry-after"));
        if (wait !== void 0 && wait > maxRetryAfterS) {
          throw new UserError(`GitLab answered ${line} with 429 and asked to wait ${wait} s, longer than model-ci waits (${maxRetryAfterS} s); re-run the job once the limit has lifted`);
        }
        if (wait !== void 0) delay = wait * 1e3;
      }
      this.options.logger.info(`${line} answered ${response.status}; retry ${attempt + 1} of ${retries} in ${delay} ms`);
      await sleep(delay);
    }
  }
  /** The JSON answer of `method path`, checked against `schema`. */
  async json(method, path, schema, options = {}) {
    const response = await this.request(method, path, options);
    return parsed(schema, await response.json().catch(() => void 0), `${method} ${new URL(`${this.base}${path}`).pathname}`);
  }
  /** Page `page` (100 items a page) of a list, with GitLab's count of pages (undefined when it leaves it out). */
  async page(path, query, item, page) {
    const response = await this.request("GET", path, { query: { ...query, per_page: 100, page } });
    const items = parsed(array(item), await response.json().catch(() => void 0), `GET ${path}`);
    const totalPages = Number.parseInt(response.headers.get("x-total-pages") ?? "", 10);
    const next = Number.parseInt(response.headers.get("x-next-page") ?? "", 10);
    return {
      items,
      totalPages: Number.isSafeInteger(totalPages) ? totalPages : void 0,
      // A missing header (GitLab leaves it out past 10,000 items) goes on while pages are full.
      nextPage: Number.isSafeInteger(next) && next > page ? next : !response.headers.has("x-next-page") && items.length === 100 ? page + 1 : void 0
    };
  }
  /**
   * The items of a paginated list, page by page from `startPage` (1 when absent), following
   * `x-next-page` until it is empty or `visit` returns false.
   */
  async paginate(path, query, item, visit, startPage = 1) {
    for (let page = startPage; page !== void 0; ) {
      const { items, nextPage } = await this.page(path, query, item, page);
      if (visit(items) === false) return;
      page = nextPage;
    }
  }
};
function parsed(schema, value, line) {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new Error(`GitLab's answer to ${line} is not what its API documents${where}: ${issue?.message ?? "unexpected shape"}`);
  }
  return result.data;
}
__name(parsed, "parsed");
async function saidBy(response) {
  const text = await response.text().catch(() => "");
  let said = text;
  try {
    const body = JSON.parse(text);
    const value = body.message ?? body.error;
    said = typeof value === "string" ? value : JSON.stringify(value ?? "");
  } catch {
  }
  return escapeControlCharacters(said.replace(/\s+/g, " ").trim()).slice(0, MAX_SAID);
}
__name(saidBy, "saidBy");
function finalError(status, line, said, tries) {
  if (tries > 1) return new UserError(`GitLab answered ${line} with ${status}${said ? ` (${said})` : ""} ${tries} times; re-run the job (GitLab may be having trouble)`);
  return new GitLabApiError(status, line, said);
}
__name(finalError, "finalError");
function isConnectionError(error) {
  return connectionReason(error) !== void 0;
}
__name(isConnectionError, "isConnectionError");
function connectionReason(error) {
  if (typeof error?.message !== "string") return void 0;
  const cause = error.cause;
  const detail = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "";
  const message = error.message;
  const text = `${message} ${detail}`;
  return CONNECTION_ERROR.test(text) ? (detail || message).slice(0, MAX_SAID) : void 0;
}
__name(connectionReason, "connectionReason");
function retryAfterSeconds(value) {
  if (value === null || value.trim() === "") return void 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(Math.ceil(seconds), 0);
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(Math.ceil((date - Date.now()) / 1e3), 0);
}
__name(retryAfterSeconds, "retryAfterSeconds");

// src/adapters/gitlab/merge-request-notes.ts
var noteSchema = object({
  id: number(),
  body: string(),
  author: object({ username: string() }),
  created_at: string(),
  system: optional(boolean())
});
var mergeRequestSchema = object({ iid: number(), state: string(), sha: nullable(string()) });
var detailedMergeRequestSchema = object({
  iid: number(),
  sha: string(),
  source_branch: string(),
  target_branch: string(),
  source_project_id: number(),
  target_project_id: number(),
  web_url: string(),
  diff_refs: optional(nullable(object({ base_sha: string() })))
});
var GitLabMergeRequestNotes = class {
  constructor(options) {
    this.options = options;
    this.api = new GitLabApi(options);
  }
  options;
  static {
    __name(this, "GitLabMergeRequestNotes");
  }
  api;
  /** The merge request of each note seen or written: GitLab's note routes need it. */
  iidOfNote = /* @__PURE__ */ new Map();
  login;
  /**
   * Open merge requests whose head is commit `sha`: GitLab's merge requests of a commit, each then
   * read whole for its merge-base (`diff_refs`, which only a single merge request shows).
   * A merge request pipeline also names its own (CI_MERGE_REQUEST_IID).
   */
  async findByHeadSha(sha) {
    const found = [];
    await this.call(
      `find the merge requests of commit ${sha.slice(0, 12)}`,
      () => this.api.paginate(this.api.projectPath(`/repository/commits/${encodeURIComponent(sha)}/merge_requests`), {}, mergeRequestSchema, (page) => {
        found.push(...page.filter((mr) => mr.state === "opened" && mr.sha === sha));
      })
    );
    const infos = [];
    for (const mr of found) {
      const detailed = await this.call(`read merge request !${mr.iid}`, () => this.api.json("GET", this.api.projectPath(`/merge_requests/${mr.iid}`), detailedMergeRequestSchema));
      infos.push({
        number: detailed.iid,
        baseSha: detailed.diff_refs?.base_sha ?? "",
        baseRef: detailed.target_branch,
        headSha: detailed.sha,
        headRef: detailed.source_branch,
        // Only a fork's merge request needs the head's project named; GitLab gives its id, not its path.
        headRepository: detailed.source_project_id === detailed.target_project_id ? this.options.projectPath ?? null : null,
        url: detailed.web_url
      });
    }
    return infos.filter((info) => info.baseSha !== "");
  }
  async listCommentsWith(number2, marker) {
    const notes = [];
    await this.call(
      `read the notes of merge request !${number2}`,
      () => this.api.paginate(this.api.projectPath(`/merge_requests/${number2}/notes`), { sort: "asc", order_by: "created_at" }, noteSchema, (page) => {
        notes.push(...page);
      })
    );
    return notes.filter((note) => !note.system && note.body.includes(marker)).map((note) => this.toComment(number2, note));
  }
  /** The token's username, from `GET /user` (a project access token's bot user, e.g. `project_7_bot_…`). Asked once. */
  ownLogin() {
    this.login ??= this.call("read the token's user", () => this.api.json("GET", "/user", object({ username: string() }))).then(
      (user) => user.username,
      (error) => {
        this.login = void 0;
        throw error;
      }
    );
    return this.login;
  }
  async createComment(number2, body) {
    const note = await this.call(
      `comment on merge request !${number2}`,
      () => this.api.json("POST", this.api.projectPath(`/merge_requests/${number2}/notes`), noteSchema, { json: { body } })
    );
    return this.toComment(number2, note);
  }
  async updateComment(commentId, body) {
    const iid = this.iidOf(commentId);
    const note = await this.call(
      `update note ${commentId} of merge request !${iid}`,
      () => this.api.json("PUT", this.api.projectPath(`/merge_requests/${iid}/notes/${commentId}`), noteSchema, { json: { body } })
    );
    return this.toComment(iid, note);
  }
  async deleteComment(commentId) {
    const iid = this.iidOf(commentId);
    await this.call(`delete note ${commentId} of merge request !${iid}`, async () => {
      try {
        await (await this.api.request("DELETE", this.api.projectPath(`/merge_requests/${iid}/notes/${commentId}`))).arrayBuffer();
      } catch (error) {
        if (gitLabStatus(error) !== 404) throw error;
      }
    });
  }
  iidOf(noteId) {
    const iid = this.iidOfNote.get(noteId) ?? this.options.mergeRequestIid;
    if (iid === void 0) throw new Error(`the merge request of note ${noteId} is not known: list or create it first, or pass mergeRequestIid`);
    return iid;
  }
  toComment(iid, note) {
    this.iidOfNote.set(note.id, iid);
    return {
      id: note.id,
      body: note.body,
      url: `${this.options.projectUrl.replace(/\/+$/, "")}/-/merge_requests/${iid}#note_${note.id}`,
      author: note.author.username,
      createdAt: note.created_at
    };
  }
  /** Runs a call; GitLab's 401 and 403 become a PermissionDeniedError that names the variable to set. */
  async call(action, work) {
    try {
      return await work();
    } catch (error) {
      const status = gitLabStatus(error);
      if (status !== 401 && status !== 403) throw error;
      const variable = this.api.tokenVariable;
      const why = variable === "CI_JOB_TOKEN" ? "CI_JOB_TOKEN cannot write merge request notes" : status === 401 ? `the token in ${variable} was not accepted (expired, revoked or mistyped)` : `the token in ${variable} lacks the right`;
      throw new PermissionDeniedError(
        `GitLab refused to ${action} (${status}): ${why}; set the masked CI/CD variable MODEL_CI_GITLAB_TOKEN to a project or group access token with the \`api\` scope and at least the Reporter role`,
        { cause: error }
      );
    }
  }
};

// src/adapters/gitlab/package-artifact-store.ts
import { createHash } from "node:crypto";
import { createReadStream as createReadStream2, createWriteStream as createWriteStream2 } from "node:fs";
import { mkdir as mkdir2, mkdtemp, readdir, readFile, rename, rm, stat as stat2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname as dirname2, isAbsolute, join as join2, relative, sep } from "node:path";
import { finished as finished2 } from "node:stream/promises";

// src/adapters/gitlab/tar-archive.ts
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { finished } from "node:stream/promises";
var BLOCK = 512;
var MAX_PATH_LENGTH = 4096;
var MAX_PAX_BYTES = 64 * 1024;
async function* tarChunks(root, paths) {
  for (const path of paths) {
    const bytes = (await stat(join(root, path))).size;
    if (Buffer.byteLength(path) > 100) {
      const record = paxRecord("path", path);
      yield header("././@PaxHeader", record.length, "x");
      yield padded(record);
    }
    yield header(Buffer.byteLength(path) > 100 ? path.slice(0, 50).replace(/[^\x20-\x7e]/g, "_") : path, bytes, "0");
    let written = 0;
    for await (const chunk of createReadStream(join(root, path), { highWaterMark: 1024 * 1024 })) {
      written += chunk.length;
      if (written > bytes) break;
      yield chunk;
    }
    if (written !== bytes) throw new Error(`${join(root, path)} changed size while it was archived`);
    const rest = (BLOCK - bytes % BLOCK) % BLOCK;
    if (rest > 0) yield Buffer.alloc(rest);
  }
  yield Buffer.alloc(BLOCK * 2);
}
__name(tarChunks, "tarChunks");
function paxRecord(key, value) {
  const body = ` ${key}=${value}
`;
  const base = Buffer.byteLength(body);
  let length = base + String(base).length;
  if (String(length).length + base !== length) length = String(length).length + base;
  return Buffer.from(`${length}${body}`);
}
__name(paxRecord, "paxRecord");
function padded(data) {
  return Buffer.concat([data, Buffer.alloc((BLOCK - data.length % BLOCK) % BLOCK)]);
}
__name(padded, "padded");
function header(name, size, type) {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "utf8");
  block.write("0000644\0", 100);
  block.write("0000000\0", 108);
  block.write("0000000\0", 116);
  if (size < 8 ** 11) block.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  else {
    block[124] = 128;
    for (let index = 135, rest = size; index > 124; index -= 1, rest = Math.floor(rest / 256)) block[index] = rest % 256;
  }
  block.write("00000000000\0", 136);
  block.write(type, 156);
  block.write("ustar\0", 257);
  block.write("00", 263);
  block.fill(" ", 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return block;
}
__name(header, "header");
async function listTar(file, what) {
  const refuse = /* @__PURE__ */ __name((problem) => new UserError(`${what} is not an archive model-ci can use: ${problem}; run the training that produced it again`), "refuse");
  const handle = await open(file);
  try {
    const total = (await handle.stat()).size;
    const entries = [];
    let offset = 0;
    let paxPath;
    const read = /* @__PURE__ */ __name(async (at, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, at);
      if (bytesRead !== length) throw refuse("it ends in the middle of an entry");
      return buffer;
    }, "read");
    for (; ; ) {
      if (offset + BLOCK > total) throw refuse("it ends without its end marker");
      const block = await read(offset, BLOCK);
      if (block.every((byte) => byte === 0)) return entries;
      if (!checksumOk(block)) throw refuse(`the header at byte ${offset} is damaged`);
      const size = sizeOf(block);
      if (size === void 0) throw refuse(`the header at byte ${offset} has no readable size`);
      const type = String.fromCharCode(block[156] || 48);
      const start = offset + BLOCK;
      if (start + size > total) throw refuse("it ends in the middle of an entry");
      offset = start + Math.ceil(size / BLOCK) * BLOCK;
      if (type === "x" || type === "g") {
        if (size > MAX_PAX_BYTES) throw refuse("an extended header is too large");
        if (type === "x") paxPath = paxPathOf(await read(start, size)) ?? paxPath;
        continue;
      }
      const prefix = cString(block.subarray(345, 500));
      const name = paxPath ?? (prefix ? `${prefix}/${cString(block.subarray(0, 100))}` : cString(block.subarray(0, 100)));
      paxPath = void 0;
      const path = name.replace(/^\.\//, "").replace(/\/$/, "");
      if (type === "5") continue;
      if (type !== "0") throw refuse(`${showUntrusted(path, 200)} is not a regular file (tar type "${showUntrusted(type, 4)}")`);
      if (!isRelativePathInside(path, MAX_PATH_LENGTH)) throw refuse(`the path ${showUntrusted(path, 200)} would leave the folder it is unpacked into`);
      entries.push({ path, size, offset: start });
    }
  } finally {
    await handle.close();
  }
}
__name(listTar, "listTar");
async function readTarEntry(file, path, maxBytes, what) {
  const entry = [...await listTar(file, what)].reverse().find((candidate) => candidate.path === path);
  if (!entry) return void 0;
  if (entry.size > maxBytes) throw new UserError(`${what}: ${path} is ${entry.size} bytes, more than the ${maxBytes} model-ci reads`);
  const handle = await open(file);
  try {
    const buffer = Buffer.alloc(entry.size);
    await handle.read(buffer, 0, entry.size, entry.offset);
    return buffer;
  } finally {
    await handle.close();
  }
}
__name(readTarEntry, "readTarEntry");
function cString(bytes) {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString("utf8");
}
__name(cString, "cString");
function checksumOk(block) {
  const stored = Number.parseInt(cString(block.subarray(148, 156)).trim(), 8);
  let sum = 0;
  for (let index = 0; index < BLOCK; index += 1) sum += index >= 148 && index < 156 ? 32 : block[index];
  return stored === sum;
}
__name(checksumOk, "checksumOk");
function sizeOf(block) {
  if (block[124] & 128) {
    let size = 0;
    for (let index = 125; index < 136; index += 1) size = size * 256 + block[index];
    return Number.isSafeInteger(size) ? size : void 0;
  }
  const text = cString(block.subarray(124, 136)).trim();
  if (!/^[0-7]+$/.test(text)) return void 0;
  return Number.parseInt(text, 8);
}
__name(sizeOf, "sizeOf");
function paxPathOf(data) {
  let path;
  for (let at = 0; at < data.length; ) {
    const space = data.indexOf(32, at);
    if (space === -1) break;
    const length = Number.parseInt(data.subarray(at, space).toString("utf8"), 10);
    if (!Number.isSafeInteger(length) || length <= 0 || at + length > data.length) break;
    const record = data.subarray(space + 1, at + length - 1).toString("utf8");
    const equals = record.indexOf("=");
    if (record.slice(0, equals) === "path") path = record.slice(equals + 1);
    at += length;
  }
  return path;
}
__name(paxPathOf, "paxPathOf");
var ByteReader = class {
  static {
    __name(this, "ByteReader");
  }
  pending = Buffer.alloc(0);
  iterator;
  done = false;
  constructor(source) {
    this.iterator = source[Symbol.asyncIterator]();
  }
  async more() {
    if (this.done) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.pending = this.pending.length === 0 ? Buffer.from(next.value) : Buffer.concat([this.pending, next.value]);
    return true;
  }
  /** Exactly `length` bytes, or undefined when the stream ends first. */
  async exactly(length) {
    while (this.pending.length < length) if (!await this.more()) return void 0;
    const taken = this.pending.subarray(0, length);
    this.pending = this.pending.subarray(length);
    return taken;
  }
  /** The next `length` bytes as they arrive; false when the stream ends first. */
  async pass(length, sink) {
    let left = length;
    while (left > 0) {
      if (this.pending.length === 0 && !await this.more()) return false;
      const taken = this.pending.subarray(0, left);
      this.pending = this.pending.subarray(taken.length);
      left -= taken.length;
      await sink(taken);
    }
    return true;
  }
  /** Reads the rest of the stream, discarding it. */
  async drain() {
    this.pending = Buffer.alloc(0);
    while (await this.more()) this.pending = Buffer.alloc(0);
  }
};
async function extractTarStream(source, destination, what) {
  const refuse = /* @__PURE__ */ __name((problem) => new UserError(`${what} is not an archive model-ci can use: ${problem}; run the training that produced it again`), "refuse");
  const reader = new ByteReader(source);
  let paxPath;
  let offset = 0;
  try {
    for (; ; ) {
      const block = await reader.exactly(BLOCK);
      if (block === void 0) throw refuse("it ends without its end marker");
      if (block.every((byte) => byte === 0)) return;
      if (!checksumOk(block)) throw refuse(`the header at byte ${offset} is damaged`);
      const size = sizeOf(block);
      if (size === void 0) throw refuse(`the header at byte ${offset} has no readable size`);
      const padding = (BLOCK - size % BLOCK) % BLOCK;
      offset += BLOCK + size + padding;
      const type = String.fromCharCode(block[156] || 48);
      if (type === "x" || type === "g") {
        if (size > MAX_PAX_BYTES) throw refuse("an extended header is too large");
        const data = await reader.exactly(size + padding);
        if (data === void 0) throw refuse("it ends in the middle of an entry");
        if (type === "x") paxPath = paxPathOf(data.subarray(0, size)) ?? paxPath;
        continue;
      }
      const prefix = cString(block.subarray(345, 500));
      const name = paxPath ?? (prefix ? `${prefix}/${cString(block.subarray(0, 100))}` : cString(block.subarray(0, 100)));
      paxPath = void 0;
      const path = name.replace(/^\.\//, "").replace(/\/$/, "");
      if (type === "5") {
        if (!await reader.pass(size + padding, async () => void 0)) throw refuse("it ends in the middle of an entry");
        continue;
      }
      if (type !== "0") throw refuse(`${showUntrusted(path, 200)} is not a regular file (tar type "${showUntrusted(type, 4)}")`);
      if (!isRelativePathInside(path, MAX_PATH_LENGTH)) throw refuse(`the path ${showUntrusted(path, 200)} would leave the folder it is unpacked into`);
      const target = join(destination, path);
      await mkdir(dirname(target), { recursive: true });
      const out = createWriteStream(target);
      const complete = await reader.pass(size, async (chunk) => {
        if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", () => resolve()));
      });
      out.end();
      await finished(out);
      if (!complete || !await reader.pass(padding, async () => void 0)) throw refuse("it ends in the middle of an entry");
    }
  } finally {
    await reader.drain();
  }
}
__name(extractTarStream, "extractTarStream");

// src/adapters/gitlab/package-artifact-store.ts
var ARCHIVE_FILE = "model-ci-files.tar";
var SIDE_FILE_MAX_BYTES = 1024 * 1024;
var LEDGER_PACKAGE = "model-ci-ledger";
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var DOWNLOAD_TRIES = 3;
var PACKAGE_VERSION = /^(\.?[\w+-]+\.?)+$/;
var PACKAGE_FILE_NAME = /^[A-Za-z0-9._~+-]+$/;
var LABEL_PIPELINE = /-r(\d+)(?:\.a\d+)?$/;
var pipelineRef = object({
  id: number(),
  ref: optional(nullable(string())),
  sha: optional(nullable(string())),
  source: optional(nullable(string())),
  created_at: optional(nullable(string())),
  web_url: optional(string())
});
var pipelineSchema = object({
  id: number(),
  ref: optional(nullable(string())),
  sha: optional(nullable(string())),
  created_at: string(),
  finished_at: optional(nullable(string()))
});
var bridgeSchema = object({ downstream_pipeline: optional(nullable(object({ id: number() }))) });
var packageSchema = object({
  id: number(),
  name: string(),
  version: string(),
  package_type: string(),
  created_at: string(),
  pipeline: optional(nullable(pipelineRef))
});
var packageFileSchema = object({
  id: number(),
  package_id: optional(number()),
  file_name: string(),
  size: number(),
  file_sha256: nullable(optional(string())),
  created_at: string()
});
var GitLabPackageArtifactStore = class {
  constructor(options) {
    this.options = options;
    this.api = new GitLabApi(options);
    this.pipelinesApi = options.pipelinesToken ? new GitLabApi({ ...options, token: options.pipelinesToken }) : void 0;
  }
  options;
  static {
    __name(this, "GitLabPackageArtifactStore");
  }
  api;
  /** Package files by package id, as `list` read them: `readFile` then needs no listing of its own. */
  filesSeen = /* @__PURE__ */ new Map();
  /** Packages by id, as `list` read them: `readFile` then needs no lookup of the name and version. */
  packagesSeen = /* @__PURE__ */ new Map();
  pipelinesApi;
  /** Compression does not apply (see tar-archive.ts); retention is the registry's cleanup policy. */
  async upload(name, rootDirectory, files, _options) {
    const paths = [...new Set(files.map((file) => relativeInside(rootDirectory, file)))].sort();
    return this.uploadPackage(name, await this.versionFor(name, rootDirectory, paths), rootDirectory, paths);
  }
  /**
   * Uploads the files at `paths` (relative to `rootDirectory`) as package `name` `version`: the
   * archive, and (unless `sideFiles` is false) the small root files beside it. Returns the
   * package as an artifact, its digest the archive's sha256 as GitLab computed it (checked
   * against what was sent).
   */
  async uploadPackage(name, version, rootDirectory, paths, options = {}) {
    for (const path of options.sideFiles === false ? [] : paths) {
      if (path.includes("/") || !PACKAGE_FILE_NAME.test(path) || path === ARCHIVE_FILE) continue;
      const { size: size2 } = await stat2(join2(rootDirectory, path));
      if (size2 <= SIDE_FILE_MAX_BYTES) await this.put(name, version, path, join2(rootDirectory, path));
    }
    let sent = { size: 0, hash: createHash("sha256") };
    const stored = await this.put(name, version, ARCHIVE_FILE, () => {
      sent = { size: 0, hash: createHash("sha256") };
      return hashing(tarChunks(rootDirectory, paths), sent);
    });
    const { size } = sent;
    const sha256 = sent.hash.digest("hex");
    if (stored.file_sha256 !== sha256 || stored.size !== size) {
      throw new UserError(`artifact "${name}" ${version} was stored by GitLab as ${stored.size} bytes with sha256 ${stored.file_sha256 ?? "unknown"}, not the ${size} bytes with ${sha256} that were sent; re-run the job`);
    }
    return { id: stored.package_id ?? await this.packageId(name, version), name, size, digest: `sha256:${sha256}` };
  }
  async list(pipelineId = this.options.pipelineId, options = {}) {
    const pipelinesApi = this.pipelinesApi;
    if (!pipelinesApi) throw pipelinesNeedApiToken(`Finding the trainings of pipeline ${pipelineId}`);
    const pipeline = await pipelinesApi.json("GET", pipelinesApi.projectPath(`/pipelines/${pipelineId}`), pipelineSchema).catch((error) => {
      if (gitLabStatus(error) === 404) return void 0;
      throw error;
    });
    if (!pipeline) return [];
    const children = new ChildPipelines(pipelinesApi, pipeline);
    const since = Date.parse(pipeline.created_at);
    const path = this.api.projectPath("/packages");
    const query = { package_type: "generic", package_name: options.name ?? "model-ci-", order_by: "created_at", sort: "desc" };
    const firstPage = pipeline.finished_at ? await this.firstPageReaching(path, query, Date.parse(pipeline.finished_at)) : 1;
    const newestByName = /* @__PURE__ */ new Map();
    const found = [];
    await this.api.paginate(
      path,
      query,
      packageSchema,
      (packages) => {
        for (const pkg of packages) {
          if (Date.parse(pkg.created_at) < since) return false;
          if (pkg.name.startsWith("model-ci-") && (options.name === void 0 || pkg.name === options.name) && namesPipeline(pkg, pipelineId)) found.push(pkg);
        }
      },
      firstPage
    );
    for (const pkg of found) {
      if (newestByName.has(pkg.name)) continue;
      if (pkg.pipeline && pkg.pipeline.id !== pipelineId && !await children.includes(pkg.pipeline)) continue;
      newestByName.set(pkg.name, pkg);
      this.packagesSeen.set(pkg.id, pkg);
    }
    const artifacts = [];
    for (const pkg of [...newestByName.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const archive = newestNamed(await this.packageFiles(pkg.id), ARCHIVE_FILE);
      if (!archive) continue;
      artifacts.push(archive.file_sha256 ? { id: pkg.id, name: pkg.name, size: archive.size, digest: `sha256:${archive.file_sha256}` } : { id: pkg.id, name: pkg.name, size: archive.size });
    }
    return artifacts;
  }
  async download(artifactId, destination, options = {}) {
    const { expectedDigest } = options;
    if (expectedDigest !== void 0 && !DIGEST.test(expectedDigest)) {
      throw new Error(`An expected artifact digest has the form sha256:<64 hex digits>, not "${expectedDigest}"`);
    }
    await this.downloadPackage(await this.packageById(artifactId), destination, expectedDigest);
  }
  /**
   * Puts the files of package `pkg`'s archive in `destination`, checked against `expectedDigest`
   * (else the sha256 GitLab computed at upload) before anything is moved there.
   */
  async downloadPackage(pkg, destination, expectedDigest) {
    const what = describe(pkg);
    const archive = newestNamed(await this.packageFiles(pkg.id), ARCHIVE_FILE);
    if (!archive) throw new UserError(`${what} holds no ${ARCHIVE_FILE}: its upload did not finish; run the training that produced it again`);
    const expected = expectedDigest ?? (archive.file_sha256 ? `sha256:${archive.file_sha256}` : void 0);
    await mkdir2(dirname2(destination), { recursive: true });
    for (let attempt = 1; ; attempt += 1) {
      const staging = await mkdtemp(join2(dirname2(destination), `.${basename(destination)}.download-`));
      try {
        const response = await this.api.request("GET", this.api.projectPath(genericPath(pkg.name, pkg.version, ARCHIVE_FILE)));
        const received = { size: 0, hash: createHash("sha256") };
        const unpacked = join2(staging, "files");
        let unpackError;
        await extractTarStream(hashing(response.body ?? emptyBody(), received), unpacked, what).catch((error) => {
          unpackError = error;
        });
        if (unpackError !== void 0 && isConnectionError(unpackError) && attempt < DOWNLOAD_TRIES) {
          this.options.logger.info(`The download of ${what} broke off; trying again (${attempt + 1} of ${DOWNLOAD_TRIES})`);
          continue;
        }
        const digest = `sha256:${received.hash.digest("hex")}`;
        if (unpackError === void 0 || !isConnectionError(unpackError)) {
          if (expected !== void 0 && digest !== expected) {
            throw new UserError(`${what} does not match its digest ${expected} (GitLab served content with ${digest}): it changed after it was uploaded, so it was not used. Run the training that produced it again.`);
          }
        }
        if (unpackError !== void 0 && isConnectionError(unpackError)) {
          throw new UserError(`The download of ${what} broke off ${DOWNLOAD_TRIES} times; re-run the job (GitLab may be having trouble)`, { cause: unpackError });
        }
        if (unpackError !== void 0) throw unpackError;
        await moveInto(unpacked, destination);
        return;
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    }
  }
  async readFile(artifact, path, options) {
    const what = `artifact ${showUntrusted(artifact.name, 120)} (package ${artifact.id})`;
    const files = this.filesSeen.get(artifact.id) ?? await this.packageFiles(artifact.id).catch((error) => {
      if (gitLabStatus(error) === 404) throw new UserError(`${what} was not found; it may have been deleted`);
      throw error;
    });
    const side = path.includes("/") ? void 0 : newestNamed(files, path);
    const pkg = this.packagesSeen.get(artifact.id) ?? await this.packageById(artifact.id);
    const staging = await mkdtemp(join2(tmpdir(), "model-ci-read-"));
    try {
      if (side) {
        if (side.size > options.maxBytes) throw new UserError(`${what}: ${path} is ${side.size} bytes, more than the ${options.maxBytes} model-ci reads`);
        await this.fetchFile(pkg, path, join2(staging, "file"), options.maxBytes);
        return await readFile(join2(staging, "file"), "utf8");
      }
      if (!newestNamed(files, ARCHIVE_FILE)) return void 0;
      await this.fetchFile(pkg, ARCHIVE_FILE, join2(staging, ARCHIVE_FILE));
      return (await readTarEntry(join2(staging, ARCHIVE_FILE), path, options.maxBytes, what))?.toString("utf8");
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  /**
   * The first page (of `path`, newest first) that reaches back to `time`: a binary search over
   * the pages, so that an old pipeline's packages are found in a few requests however many came
   * after them. One page earlier is returned, in case packages added meanwhile shifted the pages.
   */
  async firstPageReaching(path, query, time) {
    const reaches = /* @__PURE__ */ __name((items) => items.length === 0 || Date.parse(items[items.length - 1].created_at) <= time, "reaches");
    const first = await this.api.page(path, query, packageSchema, 1);
    if (reaches(first.items) || first.totalPages === void 0) return 1;
    let [low, high] = [2, first.totalPages];
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (reaches((await this.api.page(path, query, packageSchema, middle)).items)) high = middle;
      else low = middle + 1;
    }
    return Math.max(1, low - 1);
  }
  /**
   * `model-ci-ledger`: the pipeline id; any other: the `version` of the upload's manifest.json,
   * else the pipeline id. A training the run-cache gave back keeps the version label of the
   * pipeline that trained it; its package here is `<label>.reused-r<pipeline>`, so that it is this
   * pipeline's (see namesPipeline) and the earlier pipeline's package stays as it was.
   */
  async versionFor(name, root, paths) {
    if (name !== LEDGER_PACKAGE && paths.includes("manifest.json")) {
      const text = await readFile(join2(root, "manifest.json"), "utf8");
      const version = JSON.parse(text).version;
      if (typeof version !== "string" || !PACKAGE_VERSION.test(version)) throw new Error(`the manifest of artifact "${name}" has no version label GitLab takes as a package version`);
      const pipeline = String(this.options.pipelineId);
      return LABEL_PIPELINE.exec(version)?.[1] === pipeline ? version : `${version}.reused-r${pipeline}`;
    }
    return String(this.options.pipelineId);
  }
  /** Uploads a package file: the bytes of file `source`, or what `source` makes afresh for each try. */
  async put(name, version, fileName, source) {
    return this.api.json("PUT", this.api.projectPath(genericPath(name, version, fileName)), packageFileSchema, {
      query: { select: "package_file" },
      bytes: typeof source === "string" ? () => createReadStream2(source) : source
    });
  }
  /** Downloads a package file to `target` (at most `maxBytes` when given); returns `sha256:<hex>` of what arrived. */
  async fetchFile(pkg, fileName, target, maxBytes) {
    const response = await this.api.request("GET", this.api.projectPath(genericPath(pkg.name, pkg.version, fileName)));
    const hash = createHash("sha256");
    const out = createWriteStream2(target);
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (maxBytes !== void 0 && size > maxBytes) {
        out.destroy();
        throw new UserError(`${describe(pkg)}: ${fileName} is more than the ${maxBytes} bytes model-ci reads`);
      }
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", () => resolve()));
    }
    out.end();
    await finished2(out);
    return `sha256:${hash.digest("hex")}`;
  }
  async packageFiles(packageId) {
    const files = [];
    await this.api.paginate(this.api.projectPath(`/packages/${packageId}/package_files`), {}, packageFileSchema, (page) => {
      files.push(...page);
    });
    this.filesSeen.set(packageId, files);
    return files;
  }
  async packageById(packageId) {
    try {
      return await this.api.json("GET", this.api.projectPath(`/packages/${packageId}`), packageSchema);
    } catch (error) {
      if (gitLabStatus(error) === 404) throw new UserError(`artifact package ${packageId} is not in the project's package registry; it may have been deleted by a cleanup policy`);
      throw error;
    }
  }
  async packageId(name, version) {
    let found;
    await this.api.paginate(this.api.projectPath("/packages"), { package_type: "generic", package_name: name, package_version: version }, packageSchema, (page) => {
      found = page.find((pkg) => pkg.name === name && pkg.version === version)?.id ?? found;
    });
    if (found === void 0) throw new Error(`GitLab lists no package ${name} ${version} right after its upload`);
    return found;
  }
};
async function* hashing(chunks, into) {
  for await (const chunk of chunks) {
    into.hash.update(chunk);
    into.size += chunk.length;
    yield chunk;
  }
}
__name(hashing, "hashing");
function genericPath(name, version, fileName) {
  return `/packages/generic/${encodeURIComponent(name)}/${encodeURIComponent(version)}/${encodeURIComponent(fileName)}`;
}
__name(genericPath, "genericPath");
function namesPipeline(pkg, pipelineId) {
  if (pkg.pipeline?.id === pipelineId) return true;
  if (pkg.name === LEDGER_PACKAGE) return pkg.version === String(pipelineId);
  return LABEL_PIPELINE.exec(pkg.version)?.[1] === String(pipelineId);
}
__name(namesPipeline, "namesPipeline");
var ChildPipelines = class {
  constructor(api, parent) {
    this.api = api;
    this.parent = parent;
  }
  api;
  parent;
  static {
    __name(this, "ChildPipelines");
  }
  ids;
  /**
   * Whether `uploader` is a child pipeline of the parent: listed as a downstream pipeline of its
   * bridges; when the token may not read those (401, 403, 404), a `parent_pipeline` pipeline of
   * the same ref and commit, created no earlier than the parent.
   */
  async includes(uploader) {
    this.ids ??= this.read();
    const ids = await this.ids;
    if (ids !== void 0) return ids.has(uploader.id);
    const created = uploader.created_at ? Date.parse(uploader.created_at) : Number.NaN;
    return uploader.source === "parent_pipeline" && typeof uploader.sha === "string" && uploader.sha === this.parent.sha && typeof uploader.ref === "string" && uploader.ref === this.parent.ref && created >= Date.parse(this.parent.created_at);
  }
  async read() {
    const ids = /* @__PURE__ */ new Set();
    try {
      await this.api.paginate(this.api.projectPath(`/pipelines/${this.parent.id}/bridges`), {}, bridgeSchema, (bridges) => {
        for (const bridge of bridges) if (bridge.downstream_pipeline) ids.add(bridge.downstream_pipeline.id);
      });
    } catch (error) {
      const status = gitLabStatus(error);
      if (status === 401 || status === 403 || status === 404) return void 0;
      throw error;
    }
    return ids;
  }
};
function newestNamed(files, name) {
  return files.filter((file) => file.file_name === name).sort((a, b) => b.id - a.id)[0];
}
__name(newestNamed, "newestNamed");
function describe(pkg) {
  return `artifact package ${showUntrusted(pkg.name, 120)} version ${showUntrusted(pkg.version, 120)}`;
}
__name(describe, "describe");
function relativeInside(root, file) {
  const path = relative(root, file);
  if (path === "" || path.startsWith("..") || isAbsolute(path)) throw new Error(`${file} is not inside the artifact's root ${root}`);
  return path.split(sep).join("/");
}
__name(relativeInside, "relativeInside");
async function moveInto(source, target) {
  await mkdir2(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join2(source, entry.name);
    const to = join2(target, entry.name);
    if (entry.isDirectory() && (await stat2(to).catch(() => void 0))?.isDirectory()) {
      await moveInto(from, to);
    } else {
      await rm(to, { recursive: true, force: true });
      await rename(from, to);
    }
  }
}
__name(moveInto, "moveInto");
async function* emptyBody() {
}
__name(emptyBody, "emptyBody");

// src/adapters/gitlab/package-deployments.ts
import { randomBytes } from "node:crypto";
var RECORD_FILE = "record.json";
var PROMOTION_PACKAGE_PREFIX = "model-ci_promotion-";
var PARALLEL_READS = 8;
var MAX_RECORD_BYTES = 1024 * 1024;
var STATES = ["in_progress", "success", "failure", "error", "inactive"];
var STATUS_FILE = /^status-(in_progress|success|failure|error|inactive)\.json$/;
var pipelineOfFile = object({ id: number(), ref: nullable(string()), web_url: string(), user: optional(object({ username: string() })) });
var packageFileSchema2 = object({
  id: number(),
  package_id: optional(number()),
  file_name: string(),
  size: number(),
  created_at: string(),
  pipelines: optional(nullable(array(pipelineOfFile)))
});
var packageSchema2 = object({ id: number(), name: string(), version: string(), created_at: string() });
var GitLabPackageDeployments = class {
  constructor(options) {
    this.options = options;
    this.api = new GitLabApi(options);
    this.now = options.now ?? (() => /* @__PURE__ */ new Date());
  }
  options;
  static {
    __name(this, "GitLabPackageDeployments");
  }
  api;
  now;
  async list(environment, options) {
    if (options.limit <= 0) return [];
    const name = packageName(environment);
    const creators = new Set(options.creators.map((login) => login.toLowerCase()));
    const trusted = /* @__PURE__ */ __name((file) => {
      const pipeline = file.pipelines?.[0];
      if (!pipeline) return false;
      return pipeline.ref !== null && this.options.trustedRefs.includes(pipeline.ref) || creators.has((pipeline.user?.username ?? "").toLowerCase());
    }, "trusted");
    const query = { package_type: "generic", package_name: name, order_by: "created_at", sort: "desc" };
    const records = [];
    for (let page = 1; page !== void 0 && records.length < options.limit; ) {
      const listed = await this.api.page(this.api.projectPath("/packages"), query, packageSchema2, page);
      const packages = listed.items.filter((pkg) => pkg.name === name);
      for (let start = 0; start < packages.length && records.length < options.limit; start += PARALLEL_READS) {
        const read = await Promise.all(packages.slice(start, start + PARALLEL_READS).map((pkg) => this.readPromotion(pkg, environment, trusted)));
        for (const record of read) if (record && records.length < options.limit) records.push(record);
      }
      page = listed.nextPage;
    }
    return records;
  }
  /** Package `pkg` as a promotion record in `environment`, or undefined when it is not one model-ci wrote. */
  async readPromotion(pkg, environment, trusted) {
    const files = await this.files(pkg.id);
    const recordFiles = files.filter((file) => file.file_name === RECORD_FILE);
    const recordFile = recordFiles[0];
    if (recordFiles.length !== 1 || !recordFile || !trusted(recordFile) || recordFile.size > MAX_RECORD_BYTES) return void 0;
    const record = await this.readRecord(pkg);
    if (!record || record.environment !== environment || record.task !== PROMOTION_TASK) return void 0;
    const payload = parsePromotionPayload(record.payload);
    if (!payload) return void 0;
    const newest = files.filter((file) => STATUS_FILE.test(file.file_name) && trusted(file)).sort((a, b) => b.id - a.id)[0];
    return {
      deploymentId: pkg.id,
      environment,
      payload,
      creator: recordFile.pipelines?.[0]?.user?.username ?? "unknown",
      createdAt: recordFile.created_at,
      state: newest ? STATUS_FILE.exec(newest.file_name)?.[1] ?? null : null,
      stateAt: newest?.created_at ?? null,
      logUrl: newest?.pipelines?.[0]?.web_url ?? null
    };
  }
  async create(environment, payload, description) {
    const createdAt = this.now();
    const version = `${createdAt.toISOString().replace(/[-:.]/g, "")}-${randomBytes(4).toString("hex")}`;
    const record = { schema: 1, environment, task: PROMOTION_TASK, sha: payload.sha, payload, description, created_at: createdAt.toISOString() };
    const what = `the promotion record of ${payload.model} ${payload.version} in environment ${showUntrusted(environment, 100)}`;
    const file = await this.put(packageName(environment), version, RECORD_FILE, record, what);
    if (file.package_id === void 0) throw new Error(`GitLab did not say which package holds ${what}`);
    return file.package_id;
  }
  async setStatus(deploymentId, state, options) {
    if (!STATES.includes(state)) throw new Error(`"${state}" is not a deployment state`);
    const what = `the ${state} status of promotion record ${deploymentId}`;
    let pkg;
    try {
      pkg = await this.api.json("GET", this.api.projectPath(`/packages/${deploymentId}`), packageSchema2);
    } catch (error) {
      if (gitLabStatus(error) === 404) throw new UserError(`could not record ${what}: the record's package is gone from the package registry (deleted by hand or by a cleanup policy)`);
      throw error;
    }
    const status = { schema: 1, state, description: options.description ?? null, log_url: options.logUrl ?? null, created_at: this.now().toISOString() };
    await this.put(pkg.name, pkg.version, `status-${state}.json`, status, what);
  }
  async put(name, version, fileName, content, what) {
    try {
      const path = `/packages/generic/${encodeURIComponent(name)}/${encodeURIComponent(version)}/${fileName}`;
      return await this.api.json("PUT", this.api.projectPath(path), packageFileSchema2, {
        query: { select: "package_file" },
        bytes: /* @__PURE__ */ __name(() => Buffer.from(`${JSON.stringify(content, null, 2)}
`), "bytes")
      });
    } catch (error) {
      const status = gitLabStatus(error);
      if (status === 401 || status === 403) {
        throw new UserError(`could not write ${what}: GitLab refused the token in ${this.api.tokenVariable} (${status}); the job needs CI_JOB_TOKEN with the package registry enabled for the project`, { cause: error });
      }
      throw error;
    }
  }
  async files(packageId) {
    const files = [];
    await this.api.paginate(this.api.projectPath(`/packages/${packageId}/package_files`), {}, packageFileSchema2, (page) => {
      files.push(...page);
    });
    return files;
  }
  /** The package's record.json, or undefined when it is not a record. */
  async readRecord(pkg) {
    const path = `/packages/generic/${encodeURIComponent(pkg.name)}/${encodeURIComponent(pkg.version)}/${RECORD_FILE}`;
    const text = await (await this.api.request("GET", this.api.projectPath(path))).text();
    if (text.length > MAX_RECORD_BYTES) return void 0;
    try {
      const value = JSON.parse(text);
      return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
    } catch {
      return void 0;
    }
  }
};
function packageName(environment) {
  let encoded = "";
  for (const byte of Buffer.from(environment, "utf8")) {
    const character = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9.-]/.test(character) ? character : `_${byte.toString(16).padStart(2, "0")}`;
  }
  return `${PROMOTION_PACKAGE_PREFIX}${encoded}`;
}
__name(packageName, "packageName");

// src/adapters/gitlab/package-run-cache.ts
import { createHash as createHash2 } from "node:crypto";
import { lstat, mkdir as mkdir3, mkdtemp as mkdtemp2, readdir as readdir2, rename as rename2, rm as rm2, symlink } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { dirname as dirname3, isAbsolute as isAbsolute2, join as join3, relative as relative2 } from "node:path";
var RUN_CACHE_PACKAGE = "model-ci.run-cache";
var RESTORE_KEY_PAGES = 3;
var GitLabPackageRunCache = class {
  constructor(options) {
    this.options = options;
    this.api = new GitLabApi(options);
    this.packages = new GitLabPackageArtifactStore({ ...options, pipelineId: 0 });
  }
  options;
  static {
    __name(this, "GitLabPackageRunCache");
  }
  api;
  packages;
  jobRef;
  async restore(paths, key, restoreKeys = []) {
    validateCacheRequest(paths, key, restoreKeys);
    try {
      const refs = [.../* @__PURE__ */ new Set([await this.ownRef(), this.options.defaultBranch])];
      const found = await this.exactEntry(paths, key, refs) ?? await this.newestEntryStartingWith(paths, restoreKeys, refs);
      if (!found) return void 0;
      await this.unpack(found.pkg, paths);
      return found.key;
    } catch (error) {
      this.options.logger.warning(`Run-cache restore for key "${key}" from the package registry failed; continuing without it: ${messageOf(error)}`);
      return void 0;
    }
  }
  async save(paths, key) {
    validateCacheRequest(paths, key);
    const staging = await mkdtemp2(join3(tmpdir2(), "model-ci-run-cache-"));
    try {
      const files = [];
      for (const [index, path] of paths.entries()) {
        const listed = await regularFilesUnder(path);
        if (listed === void 0) continue;
        if (listed === "not regular") {
          this.options.logger.warning(`Run-cache entry "${key}" was not saved: ${path} holds a symbolic link or a special file, which the package registry does not keep`);
          return false;
        }
        await symlink(path, join3(staging, String(index)));
        files.push(...listed.map((file) => file === "" ? String(index) : `${index}/${file}`));
      }
      if (files.length === 0) {
        this.options.logger.warning(`Run-cache entry "${key}" was not saved: none of its paths exist (${paths.join(", ")})`);
        return false;
      }
      await this.packages.uploadPackage(RUN_CACHE_PACKAGE, entryVersion(key, this.pathsNamed(paths), await this.ownRef()), staging, files.sort(), { sideFiles: false });
      return true;
    } catch (error) {
      this.options.logger.warning(`Run-cache entry "${key}" was not saved to the package registry: ${messageOf(error)}`);
      return false;
    } finally {
      await rm2(staging, { recursive: true, force: true });
    }
  }
  /** The entry of `key` saved by a pipeline of one of `refs`, the first ref first. */
  async exactEntry(paths, key, refs) {
    for (const ref of refs) {
      const version = entryVersion(key, this.pathsNamed(paths), ref);
      let match;
      await this.api.paginate(this.api.projectPath("/packages"), { package_type: "generic", package_name: RUN_CACHE_PACKAGE, package_version: version }, packageSchema, (page) => {
        match ??= page.find((pkg) => pkg.name === RUN_CACHE_PACKAGE && pkg.version === version);
      });
      if (match && savedBy(match, ref)) return { key, pkg: match };
    }
    return void 0;
  }
  /** The newest entry, among the latest few hundred, whose key starts with a restore key and whose version names one of `refs`. */
  async newestEntryStartingWith(paths, restoreKeys, refs) {
    if (restoreKeys.length === 0) return void 0;
    const tails = new Map(refs.map((ref) => [`.${scopeOf(this.pathsNamed(paths), ref)}`, ref]));
    let found;
    let pages = 0;
    await this.api.paginate(this.api.projectPath("/packages"), { package_type: "generic", package_name: RUN_CACHE_PACKAGE, order_by: "created_at", sort: "desc" }, packageSchema, (page) => {
      for (const pkg of page) {
        if (pkg.name !== RUN_CACHE_PACKAGE) continue;
        const tail = pkg.version.slice(pkg.version.lastIndexOf("."));
        const ref = tails.get(tail);
        const key = decodeKey(pkg.version.slice(0, -tail.length));
        if (ref !== void 0 && key !== void 0 && restoreKeys.some((prefix) => key.startsWith(prefix)) && savedBy(pkg, ref)) {
          found = { key, pkg };
          return false;
        }
      }
      pages += 1;
      return pages < RESTORE_KEY_PAGES;
    });
    return found;
  }
  /** Downloads the entry (its digest checked) and moves each path's files into place. */
  async unpack(pkg, paths) {
    const staging = await mkdtemp2(join3(tmpdir2(), "model-ci-run-cache-"));
    try {
      await this.packages.downloadPackage(pkg, join3(staging, "files"));
      for (const [index, path] of paths.entries()) {
        const saved = join3(staging, "files", String(index));
        if (!await lstat(saved).catch(() => void 0)) continue;
        await rm2(path, { recursive: true, force: true });
        await mkdir3(dirname3(path), { recursive: true });
        await rename2(saved, path);
      }
    } finally {
      await rm2(staging, { recursive: true, force: true });
    }
  }
  /** The paths as the entry's version names them: relative to the repository when inside it. */
  pathsNamed(paths) {
    return paths.map((path) => {
      const inside = relative2(this.options.repositoryRoot, path);
      return inside !== "" && !inside.startsWith("..") && !isAbsolute2(inside) ? inside : path;
    });
  }
  /** The ref GitLab records for the job's pipeline (a merge request pipeline's is `refs/merge-requests/<iid>/head`). */
  ownRef() {
    this.jobRef ??= pipelineOfJobToken(this.api).then((pipeline) => {
      if (!pipeline.ref) throw new Error(`GitLab gives the job's pipeline ${pipeline.id} no ref`);
      return pipeline.ref;
    });
    return this.jobRef;
  }
};
function entryVersion(key, paths, ref) {
  const scope = scopeOf(paths, ref);
  return PACKAGE_VERSION.test(`r${key}.${scope}`) ? `r${key}.${scope}` : `k${Buffer.from(key).toString("hex")}.${scope}`;
}
__name(entryVersion, "entryVersion");
function decodeKey(keyPart) {
  if (keyPart.startsWith("r")) return keyPart.slice(1);
  const hex = keyPart.slice(1);
  return keyPart.startsWith("k") && /^(?:[0-9a-f]{2})+$/.test(hex) ? Buffer.from(hex, "hex").toString() : void 0;
}
__name(decodeKey, "decodeKey");
function scopeOf(paths, ref) {
  return `s${createHash2("sha256").update(JSON.stringify({ paths, ref })).digest("hex").slice(0, 24)}`;
}
__name(scopeOf, "scopeOf");
function savedBy(pkg, ref) {
  return pkg.pipeline?.ref === ref;
}
__name(savedBy, "savedBy");
async function regularFilesUnder(path) {
  const stats = await lstat(path).catch(() => void 0);
  if (!stats) return void 0;
  if (stats.isFile()) return [""];
  if (!stats.isDirectory()) return "not regular";
  const files = [];
  const walk = /* @__PURE__ */ __name(async (directory, prefix) => {
    for (const entry of await readdir2(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!await walk(join3(directory, entry.name), `${prefix}${entry.name}/`)) return false;
      } else if (entry.isFile()) files.push(`${prefix}${entry.name}`);
      else return false;
    }
    return true;
  }, "walk");
  return await walk(path, "") ? files.sort() : "not regular";
}
__name(regularFilesUnder, "regularFilesUnder");
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
__name(messageOf, "messageOf");

// src/adapters/gitlab/pipeline-runs.ts
var pipelineSchema2 = object({
  id: number(),
  project_id: number(),
  sha: string(),
  ref: nullable(string()),
  status: string(),
  source: optional(string()),
  created_at: string(),
  web_url: string()
});
function eventOfSource(source) {
  switch (source) {
    case "push":
      return "push";
    case "merge_request_event":
      return "pull_request";
    case "web":
    case "api":
    case "schedule":
    case "trigger":
      return "manual";
    default:
      return source ?? "unknown";
  }
}
__name(eventOfSource, "eventOfSource");
var SOURCES_OF_EVENT = {
  push: ["push"],
  pull_request: ["merge_request_event"],
  manual: ["web", "api", "schedule", "trigger"]
};
var CONCLUSION = { success: "success", failed: "failure", canceled: "cancelled", skipped: "skipped" };
var GitLabPipelineRuns = class {
  static {
    __name(this, "GitLabPipelineRuns");
  }
  readable;
  /** Without a token (GitLab does not open the pipelines API to CI_JOB_TOKEN) every call is refused with an error naming MODEL_CI_GITLAB_TOKEN. */
  constructor(options) {
    this.readable = options.token ? new GitLabApi({ ...options, token: options.token }) : void 0;
  }
  get api() {
    if (!this.readable) throw pipelinesNeedApiToken("Reading the project's pipelines");
    return this.readable;
  }
  async get(runId) {
    try {
      return toRun(await this.api.json("GET", this.api.projectPath(`/pipelines/${runId}`), pipelineSchema2));
    } catch (error) {
      if (gitLabStatus(error) === 404) return void 0;
      throw error;
    }
  }
  async listCompleted(filter) {
    if (filter.limit <= 0) return [];
    const sources = filter.event === void 0 ? void 0 : SOURCES_OF_EVENT[filter.event] ?? [filter.event];
    const runs = [];
    await this.api.paginate(
      this.api.projectPath("/pipelines"),
      {
        // `finished`: success, failed and canceled (skipped pipelines ran nothing).
        scope: "finished",
        ref: filter.branch,
        sha: filter.headSha,
        source: sources?.length === 1 ? sources[0] : void 0,
        order_by: "id",
        sort: "desc"
      },
      pipelineSchema2,
      (pipelines) => {
        for (const pipeline of pipelines) {
          if (sources !== void 0 && !sources.includes(pipeline.source ?? "")) continue;
          runs.push(toRun(pipeline));
          if (runs.length >= filter.limit) return false;
        }
      }
    );
    return runs;
  }
};
function toRun(pipeline) {
  const conclusion = CONCLUSION[pipeline.status] ?? null;
  return {
    id: pipeline.id,
    workflowId: pipeline.project_id,
    headSha: pipeline.sha,
    headBranch: pipeline.ref === null || pipeline.ref.startsWith("refs/") ? null : pipeline.ref,
    event: eventOfSource(pipeline.source),
    status: conclusion === null ? pipeline.status === "running" ? "in_progress" : "queued" : "completed",
    conclusion,
    createdAt: pipeline.created_at,
    url: pipeline.web_url
  };
}
__name(toRun, "toRun");

// src/adapters/gitlab/connect.ts
var REQUIRED = ["CI_API_V4_URL", "CI_PROJECT_ID", "CI_JOB_TOKEN", "CI_PIPELINE_ID", "CI_PROJECT_URL", "CI_DEFAULT_BRANCH"];
function connectGitLab(env, logger, options = {}) {
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new UserError(`GitLab CI variables ${missing.join(", ")} are not set: run model-ci inside a GitLab CI job (GITLAB_CI=true), or set them`);
  }
  const pipelineId = options.pipelineId ?? Number(env.CI_PIPELINE_ID);
  if (!Number.isSafeInteger(pipelineId) || pipelineId < 1) throw new UserError(`CI_PIPELINE_ID is "${env.CI_PIPELINE_ID}", not a pipeline id`);
  const iid = options.mergeRequestIid ?? (env.CI_MERGE_REQUEST_IID ? Number(env.CI_MERGE_REQUEST_IID) : void 0);
  const jobToken = { header: "JOB-TOKEN", value: env.CI_JOB_TOKEN, variable: "CI_JOB_TOKEN" };
  const apiToken = env.MODEL_CI_GITLAB_TOKEN ? { header: "PRIVATE-TOKEN", value: env.MODEL_CI_GITLAB_TOKEN, variable: "MODEL_CI_GITLAB_TOKEN" } : void 0;
  const base = { apiUrl: env.CI_API_V4_URL, projectId: env.CI_PROJECT_ID, logger, retryDelayMs: options.retryDelayMs };
  return {
    artifacts: new GitLabPackageArtifactStore({ ...base, token: jobToken, pipelinesToken: apiToken, pipelineId }),
    runs: new GitLabPipelineRuns({ ...base, token: apiToken }),
    deployments: new GitLabPackageDeployments({ ...base, token: jobToken, trustedRefs: [env.CI_DEFAULT_BRANCH] }),
    runCache: new GitLabPackageRunCache({
      ...base,
      logger,
      token: jobToken,
      defaultBranch: env.CI_DEFAULT_BRANCH,
      repositoryRoot: options.repositoryRoot ?? env.CI_PROJECT_DIR ?? process.cwd()
    }),
    notes: apiToken ? new GitLabMergeRequestNotes({ ...base, token: apiToken, projectUrl: env.CI_PROJECT_URL, projectPath: env.CI_PROJECT_PATH, mergeRequestIid: Number.isSafeInteger(iid) ? iid : void 0 }) : void 0
  };
}
__name(connectGitLab, "connectGitLab");

// src/cli/gitlab-ports.ts
var RUN_ATTEMPT_VARIABLE = "MODEL_CI_RUN_ATTEMPT";
var REPORT_MODELS_VARIABLE = "MODEL_CI_REPORT_MODELS";
var GITLAB_REPORT_FILE = REPORT_FILE;
var GITLAB_METRICS_FILE = METRICS_FILE;
var GITLAB_WORKFLOW_NAME = "GitLab CI";
function openGitLabJob(workspace, env, logger, options = {}) {
  const gitlab = readGitLabContext(env);
  const context = options.defaultBranch === void 0 ? gitlab.context : { ...gitlab.context, defaultBranch: options.defaultBranch };
  const attemptText = env[RUN_ATTEMPT_VARIABLE];
  const attempt = attemptText === void 0 || attemptText === "" ? 1 : Number(attemptText);
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new UserError(`variable ${RUN_ATTEMPT_VARIABLE} is "${attemptText}", not a whole number of 1 or more`, { input: RUN_ATTEMPT_VARIABLE });
  const trigger = context.trigger;
  const ref = trigger.kind === "pull_request" ? `refs/merge-requests/${trigger.number}/head` : trigger.kind === "push" ? trigger.ref : gitlab.headBranch !== null ? `refs/heads/${gitlab.headBranch}` : gitlab.headTag !== void 0 ? `refs/tags/${gitlab.headTag}` : "HEAD";
  const event = trigger.kind === "pull_request" ? "pull_request" : trigger.kind === "push" ? "push" : gitlab.pipelineSource;
  const url = gitlab.pipelineUrl ?? `${env.CI_PROJECT_URL ?? ""}/-/pipelines/${gitlab.pipelineId}`;
  return {
    context,
    headBranch: gitlab.headBranch,
    models: gitlab.models,
    description: `GitLab CI, ${gitlab.description}`,
    run: { id: gitlab.pipelineId, attempt, sha: context.sha, ref, event, runnerOs: "Linux", url, pullRequest: gitlab.mergeRequestIid },
    adapters: connectGitLab(env, logger, { pipelineId: gitlab.pipelineId, mergeRequestIid: gitlab.mergeRequestIid, repositoryRoot: workspace.root }),
    history: new CheckoutBranchHistory(workspace.git),
    actor: env.GITLAB_USER_LOGIN || void 0
  };
}
__name(openGitLabJob, "openGitLabJob");
function expectedModels(env) {
  const names = (env[REPORT_MODELS_VARIABLE] ?? "").split(/[\s,]+/).filter((name) => name !== "");
  return names.length === 0 ? void 0 : names;
}
__name(expectedModels, "expectedModels");
function metricsReport(document) {
  const lines = [];
  const name = /* @__PURE__ */ __name((text) => text.replace(/[\s\p{Cc}]+/gu, "_"), "name");
  for (const model of document.models) {
    for (const metric of model.comparison.metrics) {
      if (metric.head === null || !Number.isFinite(metric.head)) continue;
      lines.push(`${name(model.comparison.model)}.${name(metric.name)} ${metric.head}`);
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}
`;
}
__name(metricsReport, "metricsReport");
async function writeMetricsReport(file, document) {
  await writeFile(file, metricsReport(document));
}
__name(writeMetricsReport, "writeMetricsReport");
export {
  API_TOKEN_VARIABLE,
  GITLAB_METRICS_FILE,
  GITLAB_REPORT_FILE,
  GITLAB_WORKFLOW_NAME,
  REPORT_MODELS_VARIABLE,
  RUN_ATTEMPT_VARIABLE,
  expectedModels,
  metricsReport,
  openGitLabJob,
  writeMetricsReport
};
