import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  status
} from "./chunk-M4SKUKE2.js";
import {
  recentMonitorResults
} from "./chunk-U2A4AV3N.js";
import "./chunk-FLQGHEHB.js";
import {
  GitHubDeployments
} from "./chunk-LMGUBZLS.js";
import "./chunk-4VEFXRG7.js";
import "./chunk-CPDECAPN.js";
import {
  GitHubPullRequestThreads
} from "./chunk-2GV6CNUM.js";
import "./chunk-F7IPPOV2.js";
import "./chunk-TR5HTG53.js";
import "./chunk-KI7WHRU4.js";
import {
  NodeFileSystem
} from "./chunk-NM4CCGW3.js";
import {
  GitHubArtifactStore,
  GitHubBranchHistory,
  GitHubWorkflowRuns,
  currentRun
} from "./chunk-UCS5KP7G.js";
import "./chunk-FNDP2GQY.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import {
  openCheckout,
  withAnnotationPaths
} from "./chunk-EF2MYDFB.js";
import "./chunk-LYO4JN6R.js";
import {
  readRunContext
} from "./chunk-PTU7GM4Q.js";
import "./chunk-CYNM7F7O.js";
import {
  getStatusInputs
} from "./chunk-32D2ULUP.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-V6RXHKOK.js";
import "./chunk-WQATJMJ6.js";
import {
  createGitHubClient
} from "./chunk-GCMKBNH7.js";
import "./chunk-RTT2E5ZA.js";
import "./chunk-HH2CR6UK.js";
import "./chunk-CEIG5RFU.js";
import {
  setOutput,
  summary
} from "./chunk-MUZ4VW64.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/action/status.ts
import { resolve } from "node:path";
async function runStatusAction(common) {
  const inputs = getStatusInputs(common);
  const checkout = await openCheckout(inputs);
  const context = readRunContext(process.env, inputs.defaultBranch);
  const run = currentRun(process.env);
  const client = createGitHubClient(inputs.token);
  const logger = checkout.ports.logger;
  const runs = new GitHubWorkflowRuns(client, context.repository);
  const artifacts = new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger });
  const threads = new GitHubPullRequestThreads(client, context.repository);
  const statusFile = resolve(inputs.statusFile);
  const result = await withAnnotationPaths(
    checkout,
    () => status(
      {
        ...checkout.ports,
        // The login the token writes as, as promote tells its own records by it.
        deployments: new GitHubDeployments(client, context.repository, () => threads.ownLogin()),
        runs,
        artifacts,
        history: new GitHubBranchHistory(client, context.repository),
        files: new NodeFileSystem(),
        now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now"),
        // A monitor job earlier in this run (the monitor workflow's status job) measured just now; a
        // pull request's or a push's run keeps no monitoring result of the default branch.
        monitorResults: /* @__PURE__ */ __name((limit) => recentMonitorResults({ runs, artifacts, logger }, { branch: context.defaultBranch, limit, currentRunId: context.trigger.kind === "manual" ? run.id : void 0 }), "monitorResults")
      },
      { configFile: inputs.configFile, defaultBranch: context.defaultBranch, statusFile }
    )
  );
  setOutput("status-file" /* StatusFile */, statusFile);
  await summary.addRaw(result.summary).write();
}
__name(runStatusAction, "runStatusAction");
export {
  runStatusAction
};
