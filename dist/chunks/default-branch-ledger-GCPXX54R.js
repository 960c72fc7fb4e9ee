import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubArtifactStore,
  GitHubBranchHistory,
  GitHubWorkflowRuns,
  runAttempt
} from "./chunk-XKB2MVBU.js";
import "./chunk-EBBZ3WWD.js";
import {
  newestLedger
} from "./chunk-32ITZCBF.js";
import {
  NodeFileSystem
} from "./chunk-QDBZXAKU.js";
import "./chunk-ZJVOS6DH.js";
import "./chunk-GRJJC6DV.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-RGQSQ6VL.js";
import {
  createGitHubClient
} from "./chunk-GBAWM62K.js";
import "./chunk-625YEXAI.js";
import "./chunk-XDJB7Y54.js";
import "./chunk-FKDB2QWR.js";
import "./chunk-ES5T7FVD.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/action/default-branch-ledger.ts
import { tmpdir } from "node:os";
async function defaultBranchLedger(options) {
  const run = runAttempt(process.env);
  const client = createGitHubClient(options.token, { retryServerErrors: false });
  const runs = new GitHubWorkflowRuns(client, options.repository);
  const thisRun = await runs.get(run.id);
  const artifacts = new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: options.token, repository: options.repository, logger: options.logger });
  const found = await newestLedger(
    { runs, artifacts, history: new GitHubBranchHistory(client, options.repository), files: new NodeFileSystem(), logger: options.logger },
    { branch: options.branch, workflowId: thisRun?.workflowId, tempDir: process.env.RUNNER_TEMP || tmpdir() }
  );
  return found?.ledger;
}
__name(defaultBranchLedger, "defaultBranchLedger");
export {
  defaultBranchLedger
};
