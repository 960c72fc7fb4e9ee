import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  report
} from "./chunk-5TDFY2OQ.js";
import "./chunk-UEYPEA26.js";
import "./chunk-T5MJI2ZD.js";
import "./chunk-LNU257AZ.js";
import "./chunk-54F34Y4H.js";
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
  readRunContext,
  requiredEnv
} from "./chunk-PTU7GM4Q.js";
import "./chunk-CYNM7F7O.js";
import {
  getReportInputs
} from "./chunk-32D2ULUP.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-C7AT6DMJ.js";
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

// src/action/report.ts
import { join } from "node:path";
var REPORT_FILE = "model-ci-report.md";
async function runReportAction(common) {
  const inputs = getReportInputs(common);
  const checkout = await openCheckout(inputs);
  const context = readRunContext(process.env, inputs.defaultBranch);
  const run = currentRun(process.env);
  const tempDir = requiredEnv("RUNNER_TEMP");
  const reportFile = join(tempDir, REPORT_FILE);
  const client = createGitHubClient(inputs.token);
  const runs = new GitHubWorkflowRuns(client, context.repository);
  const result = await withAnnotationPaths(
    checkout,
    () => report(
      {
        ...checkout.ports,
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger: checkout.ports.logger }),
        runs,
        jobs: runs,
        history: new GitHubBranchHistory(client, context.repository),
        threads: new GitHubPullRequestThreads(client, context.repository),
        files: new NodeFileSystem(),
        now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now")
      },
      {
        configFile: inputs.configFile,
        expectedModels: inputs.expectedModels,
        context,
        run,
        sourceRunId: inputs.runId,
        tempDir,
        failOnRegression: inputs.failOnRegression,
        gateFailureHint: "see the report in the job summary, or set fail-on-regression: false to report without failing",
        reportFile
      }
    )
  );
  setOutput("status" /* Status */, result.status);
  setOutput("regressions" /* Regressions */, String(result.regressions));
  setOutput("comment-url" /* CommentUrl */, result.commentUrl ?? "");
  setOutput("report" /* Report */, reportFile);
  await summary.addRaw(result.summary).write();
  if (result.error) throw result.error;
}
__name(runReportAction, "runReportAction");
export {
  runReportAction
};
