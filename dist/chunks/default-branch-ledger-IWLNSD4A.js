import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubWorkflowRuns
} from "./chunk-GDNHAZNQ.js";
import {
  GitHubArtifactStore,
  runAttempt
} from "./chunk-723PI6SU.js";
import "./chunk-XKOMN5IS.js";
import {
  newestLedger
} from "./chunk-DFTQGPV6.js";
import {
  NodeFileSystem
} from "./chunk-WUYFTWOF.js";
import "./chunk-2Y2OQO3M.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-RGQSQ6VL.js";
import {
  createGitHubClient
} from "./chunk-BP676UIX.js";
import "./chunk-CXGUPMT6.js";
import "./chunk-MBAQQDDT.js";
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
  const runs = new GitHubWorkflowRuns(createGitHubClient(options.token, { retryServerErrors: false }), options.repository);
  const thisRun = await runs.get(run.id);
  const artifacts = new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: options.token, repository: options.repository, logger: options.logger });
  const found = await newestLedger(
    { runs, artifacts, files: new NodeFileSystem(), logger: options.logger },
    { branch: options.branch, workflowId: thisRun?.workflowId, tempDir: process.env.RUNNER_TEMP || tmpdir() }
  );
  return found?.ledger;
}
__name(defaultBranchLedger, "defaultBranchLedger");
export {
  defaultBranchLedger
};
