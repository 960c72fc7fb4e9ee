import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsWorkspace,
  GitCli,
  LOCAL_STATE_DIR,
  ScopedGit,
  isNamed,
  listFilesWithoutGit,
  runGit,
  splitNul
} from "./chunk-LYO4JN6R.js";
import {
  UsageError
} from "./chunk-YOF6SXVJ.js";
import {
  CONFIG_FILE,
  MODEL_CONFIG_FILE
} from "./chunk-WQATJMJ6.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/local/json-records.ts
import { randomBytes } from "node:crypto";
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
var RECORD_NAME = /^([1-9][0-9]{0,14})\.json$/;
function recordPath(directory, id) {
  return join(directory, `${id}.json`);
}
__name(recordPath, "recordPath");
async function createRecord(directory, make) {
  await mkdir(directory, { recursive: true });
  const staging = stagingPath(directory);
  try {
    for (let id = await largestId(directory) + 1; ; id += 1) {
      await writeFile(staging, serialize(make(id)), { flag: "wx" });
      try {
        await link(staging, recordPath(directory, id));
        return id;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
      await rm(staging, { force: true });
    }
  } finally {
    await rm(staging, { force: true });
  }
}
__name(createRecord, "createRecord");
async function replaceRecord(directory, id, value) {
  const staging = stagingPath(directory);
  try {
    await writeFile(staging, serialize(value), { flag: "wx" });
    await rename(staging, recordPath(directory, id));
  } finally {
    await rm(staging, { force: true });
  }
}
__name(replaceRecord, "replaceRecord");
async function readRecord(directory, id) {
  const text = await readFile(recordPath(directory, id), "utf8").catch((error) => {
    if (error.code === "ENOENT") return void 0;
    throw error;
  });
  return text === void 0 ? void 0 : JSON.parse(text);
}
__name(readRecord, "readRecord");
async function recordIds(directory) {
  const names = await readdir(directory).catch((error) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const ids = [];
  for (const name of names) {
    const match = RECORD_NAME.exec(name);
    if (match) ids.push(Number(match[1]));
  }
  return ids.sort((a, b) => b - a);
}
__name(recordIds, "recordIds");
async function largestId(directory) {
  return (await recordIds(directory))[0] ?? 0;
}
__name(largestId, "largestId");
function stagingPath(directory) {
  return join(directory, `.writing-${process.pid}-${randomBytes(6).toString("hex")}`);
}
__name(stagingPath, "stagingPath");
function serialize(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}
__name(serialize, "serialize");

// src/cli/local-git.ts
import { userInfo } from "node:os";
async function currentBranch(dir) {
  const result = await runGit(dir, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  return result.exitCode === 0 ? result.stdout.toString("utf8").trim() : void 0;
}
__name(currentBranch, "currentBranch");
async function defaultBranchOf(dir) {
  const remoteHead = await runGit(dir, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]);
  if (remoteHead.exitCode === 0) return remoteHead.stdout.toString("utf8").trim().replace(/^refs\/remotes\/origin\//, "");
  for (const branch of ["main", "master"]) {
    for (const ref of [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]) {
      if ((await runGit(dir, ["rev-parse", "--verify", "--quiet", ref])).exitCode === 0) return branch;
    }
  }
  return void 0;
}
__name(defaultBranchOf, "defaultBranchOf");
async function uncommittedFiles(dir) {
  const result = await runGit(dir, ["-c", "core.quotePath=false", "status", "--porcelain=v1", "-z", "--untracked-files=no", "--", "."]);
  if (result.exitCode !== 0) return [];
  return splitNul(result.stdout).filter((record) => /^[ MADRCUT?!]{2} /.test(record)).map((record) => record.slice(3));
}
__name(uncommittedFiles, "uncommittedFiles");
async function isIgnored(dir, path) {
  return (await runGit(dir, ["check-ignore", "--quiet", "--no-index", "--", path])).exitCode === 0;
}
__name(isIgnored, "isIgnored");
async function userName(dir) {
  const result = await runGit(dir, ["config", "--get", "user.name"]);
  const name = result.exitCode === 0 ? result.stdout.toString("utf8").trim() : "";
  if (name !== "") return name;
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
__name(userName, "userName");

// src/cli/local-workspace.ts
import { existsSync, realpathSync, statSync } from "node:fs";
import { mkdir as mkdir2, writeFile as writeFile2 } from "node:fs/promises";
import { dirname, join as join2, relative, resolve, sep } from "node:path";
async function openLocalWorkspace(repoOption, logger) {
  const start = realFolder(repoOption ?? process.cwd(), repoOption !== void 0);
  const git = await GitCli.open(start);
  if (!git) {
    throw new UsageError(`${start} is not in a git repository; model-ci's local mode finds the changed models with git, so run it in a clone (or git init and commit the models)`);
  }
  const root = repoOption !== void 0 ? start : nearestConfigFolder(start, realFolder(git.root, false));
  const scope = relative(git.root, root).split(sep).join("/");
  const scoped = new ScopedGit(git, scope);
  const uncommitted = await uncommittedFiles(root);
  return {
    root,
    git,
    configFile: CONFIG_FILE,
    stateDir: join2(root, LOCAL_STATE_DIR),
    uncommittedFiles: uncommitted,
    ports: {
      git: scoped,
      workspace: new FsWorkspace(root),
      logger,
      listFilesWithoutGit: /* @__PURE__ */ __name(() => listFilesWithoutGit(root), "listFilesWithoutGit"),
      // Like model-ci.yml, which is always read from the checkout.
      checkedOutModelFiles: new Set(scoped.scopePaths(uncommitted).filter((path) => isNamed(path, MODEL_CONFIG_FILE)))
    }
  };
}
__name(openLocalWorkspace, "openLocalWorkspace");
async function prepareStateDir(workspace) {
  await mkdir2(workspace.stateDir, { recursive: true });
  const ownIgnore = join2(workspace.stateDir, ".gitignore");
  if (existsSync(ownIgnore) || await isIgnored(workspace.root, `${LOCAL_STATE_DIR}/runs`)) return;
  await writeFile2(ownIgnore, "# Written by model-ci: its local records are not part of the repository.\n*\n");
}
__name(prepareStateDir, "prepareStateDir");
function realFolder(path, given) {
  const absolute = resolve(path);
  try {
    if (statSync(absolute).isDirectory()) return realpathSync(absolute);
  } catch {
  }
  throw new UsageError(given ? `option --repo: ${absolute} is not a folder` : `the current folder ${absolute} does not exist`);
}
__name(realFolder, "realFolder");
function nearestConfigFolder(start, top) {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join2(folder, CONFIG_FILE))) return folder;
    if (folder === top || dirname(folder) === folder || !folder.startsWith(top)) return top;
  }
}
__name(nearestConfigFolder, "nearestConfigFolder");

export {
  recordPath,
  createRecord,
  replaceRecord,
  readRecord,
  recordIds,
  currentBranch,
  defaultBranchOf,
  userName,
  openLocalWorkspace,
  prepareStateDir
};
