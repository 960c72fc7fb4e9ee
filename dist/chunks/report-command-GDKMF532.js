import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally,
  reportTo
} from "./chunk-XL7BMJIV.js";
import "./chunk-DBIO4U6Y.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-B7E6KWAC.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-I4YPZPFZ.js";
import {
  isGitLabJob
} from "./chunk-TM5U5NKY.js";
import "./chunk-5TDFY2OQ.js";
import "./chunk-UEYPEA26.js";
import "./chunk-T5MJI2ZD.js";
import "./chunk-LNU257AZ.js";
import "./chunk-54F34Y4H.js";
import "./chunk-F7IPPOV2.js";
import "./chunk-TR5HTG53.js";
import "./chunk-KI7WHRU4.js";
import "./chunk-NM4CCGW3.js";
import "./chunk-FNDP2GQY.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-LYO4JN6R.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  UsageError,
  terminalLogger
} from "./chunk-YOF6SXVJ.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-WQATJMJ6.js";
import "./chunk-RTT2E5ZA.js";
import {
  UserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/report-command.ts
import { resolve } from "node:path";
var RUNS_LOOKED_AT = 100;
async function reportGitLabPipeline(workspace, line, terminal) {
  if (line.runId !== void 0) throw new UsageError("option --run is for local runs: in a GitLab CI job report reports the job's own pipeline");
  const gitlab = await import("./gitlab-ports-FW7Y6NPX.js");
  const logger = workspace.ports.logger;
  const job = gitlab.openGitLabJob(workspace, process.env, logger, { defaultBranch: line.common.defaultBranch });
  if (job.adapters.notes === void 0) {
    throw new UserError(
      `model-ci report needs ${gitlab.API_TOKEN_VARIABLE} in a GitLab job: GitLab lets CI_JOB_TOKEN neither read the pipelines API (this pipeline's trainings, the default branch's ledgers) nor write merge-request notes. Set ${gitlab.API_TOKEN_VARIABLE} to a project access token with the api scope, as a masked CI/CD variable`,
      { input: gitlab.API_TOKEN_VARIABLE }
    );
  }
  const result = await reportTo(
    workspace,
    terminal,
    {
      ports: { artifacts: job.adapters.artifacts, runs: job.adapters.runs, history: job.history, threads: job.adapters.notes },
      run: { id: job.run.id, attempt: job.run.attempt, url: job.run.url, workflowName: gitlab.GITLAB_WORKFLOW_NAME },
      context: job.context,
      expectedModels: gitlab.expectedModels(process.env),
      reportFile: resolve(gitlab.GITLAB_REPORT_FILE),
      ciJob: true,
      gateFailureHint: `the report above says by how much (and ${gitlab.GITLAB_REPORT_FILE}); change the training or the metric's tolerance in model.yml or model-ci.yml`
    },
    { writeLedger: true }
  );
  await gitlab.writeMetricsReport(resolve(gitlab.GITLAB_METRICS_FILE), result.document);
  if (result.commentUrl) terminal.out(`The merge request's note: ${result.commentUrl}`);
  if (result.error) terminal.err(`model-ci: ${result.error.message}`);
  return result.status === "pass" ? 0 : 1;
}
__name(reportGitLabPipeline, "reportGitLabPipeline");
async function reportCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  await prepareStateDir(workspace);
  if (isGitLabJob(process.env)) return reportGitLabPipeline(workspace, line, terminal);
  const runs = new FsWorkflowRuns(workspace.root);
  const run = line.runId === void 0 ? (await runs.listCompleted({ limit: RUNS_LOOKED_AT })).find((candidate) => candidate.models.length > 0) : await runs.get(line.runId);
  if (!run) throw noSuchRun(line.runId);
  const result = await reportLocally(workspace, runs, terminal, run, { writeLedger: false });
  if (result.error) terminal.err(`model-ci: ${result.error.message}`);
  return result.status === "pass" ? 0 : 1;
}
__name(reportCommand, "reportCommand");
export {
  reportCommand
};
