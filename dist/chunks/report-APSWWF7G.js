import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubPullRequestThreads
} from "./chunk-NVXBU2YT.js";
import {
  GitHubArtifactStore,
  GitHubBranchHistory,
  GitHubWorkflowRuns,
  currentRun
} from "./chunk-XKB2MVBU.js";
import {
  openCheckout,
  withAnnotationPaths
} from "./chunk-O77TRYNN.js";
import {
  readRunContext,
  requiredEnv
} from "./chunk-EBBZ3WWD.js";
import {
  report
} from "./chunk-K57UAVUK.js";
import "./chunk-AHVP234M.js";
import "./chunk-ADTSIS7H.js";
import "./chunk-L4FSXD52.js";
import "./chunk-YQNGXE5B.js";
import "./chunk-ZAUJSVFJ.js";
import "./chunk-DNO72XF2.js";
import "./chunk-GZSWI5FM.js";
import "./chunk-32ITZCBF.js";
import {
  NodeFileSystem
} from "./chunk-QDBZXAKU.js";
import "./chunk-ZJVOS6DH.js";
import "./chunk-OXHN6L66.js";
import "./chunk-GRJJC6DV.js";
import {
  getReportInputs
} from "./chunk-VU7LKL36.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-DWNJM2IW.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-YDZ74IX5.js";
import "./chunk-QBETYKPB.js";
import "./chunk-CN6ZETB5.js";
import {
  createGitHubClient
} from "./chunk-GBAWM62K.js";
import "./chunk-625YEXAI.js";
import "./chunk-XDJB7Y54.js";
import "./chunk-FKDB2QWR.js";
import {
  setOutput,
  summary
} from "./chunk-ES5T7FVD.js";
import {
  __name
} from "./chunk-752PIHHL.js";

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
