import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  newestLedger
} from "./chunk-KI7WHRU4.js";
import {
  GitHubArtifactStore,
  GitHubBranchHistory,
  GitHubWorkflowRuns,
  runAttempt
} from "./chunk-UCS5KP7G.js";
import "./chunk-FNDP2GQY.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-PTU7GM4Q.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-EC74IOCJ.js";
import {
  createGitHubClient
} from "./chunk-GCMKBNH7.js";
import "./chunk-RTT2E5ZA.js";
import "./chunk-HH2CR6UK.js";
import "./chunk-CEIG5RFU.js";
import "./chunk-MUZ4VW64.js";
import "./chunk-MBJX3N7S.js";
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
