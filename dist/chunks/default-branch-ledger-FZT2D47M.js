import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubArtifactStore,
  GitHubBranchHistory,
  GitHubWorkflowRuns,
  runAttempt
} from "./chunk-ERCWUUDQ.js";
import "./chunk-PTU7GM4Q.js";
import {
  newestLedger
} from "./chunk-CSCTJCFN.js";
import "./chunk-4IMTSMRJ.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-H7ELU4Q7.js";
import "./chunk-7S6XTIZN.js";
import "./chunk-EE4UDX2Z.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-6AOBDE3J.js";
import {
  createGitHubClient
} from "./chunk-L45G77IT.js";
import "./chunk-MBJX3N7S.js";
import "./chunk-XVDTL26D.js";
import "./chunk-Y3DLPKCA.js";
import "./chunk-KBNHBJFE.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/action/default-branch-ledger.ts
async function defaultBranchLedger(options) {
  const run = runAttempt(process.env);
  const client = createGitHubClient(options.token, { retryServerErrors: false });
  const runs = new GitHubWorkflowRuns(client, options.repository);
  const thisRun = await runs.get(run.id);
  const artifacts = new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: options.token, repository: options.repository, logger: options.logger });
  const found = await newestLedger(
    { runs, artifacts, history: new GitHubBranchHistory(client, options.repository), logger: options.logger },
    { branch: options.branch, workflowId: thisRun?.workflowId }
  );
  return found?.ledger;
}
__name(defaultBranchLedger, "defaultBranchLedger");
export {
  defaultBranchLedger
};
