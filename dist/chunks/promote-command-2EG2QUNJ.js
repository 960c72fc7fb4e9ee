import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-S7CHGICI.js";
import {
  GitBranchHistory
} from "./chunk-DBIO4U6Y.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  localRunContext
} from "./chunk-B7E6KWAC.js";
import {
  openLocalWorkspace,
  prepareStateDir,
  userName
} from "./chunk-I4YPZPFZ.js";
import {
  isGitLabJob
} from "./chunk-TM5U5NKY.js";
import {
  promote
} from "./chunk-HM7PB2VM.js";
import "./chunk-ROSOMCWV.js";
import "./chunk-YZHWO5F3.js";
import {
  trackingConnector
} from "./chunk-5UWSSAHD.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import "./chunk-L7GLD6KN.js";
import "./chunk-54F34Y4H.js";
import "./chunk-4VEFXRG7.js";
import "./chunk-CPDECAPN.js";
import "./chunk-TR5HTG53.js";
import "./chunk-KI7WHRU4.js";
import {
  NodeFileSystem
} from "./chunk-NM4CCGW3.js";
import "./chunk-FNDP2GQY.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import "./chunk-LYO4JN6R.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-YOF6SXVJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-WQATJMJ6.js";
import {
  UserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/promote-command.ts
import { join, relative } from "node:path";
async function promoteCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  await prepareStateDir(workspace);
  const session = isGitLabJob(process.env) ? await gitlabSession(workspace, line) : await localSession(workspace, line);
  const run = await session.begin();
  let promoted = false;
  try {
    const result = await promote(
      {
        ...workspace.ports,
        ...session.stores(run),
        hashTree,
        files: new NodeFileSystem(),
        now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now"),
        tracking: trackingConnector(process.env)
      },
      {
        configFile: workspace.configFile,
        model: line.model,
        version: line.version,
        environment: line.environment,
        defaultBranch: session.defaultBranch,
        run: { id: run.id, url: run.url },
        actor: session.actor,
        destination: join(workspace.stateDir, "promoted", line.environment, line.model)
      }
    );
    promoted = true;
    terminal.out(`  model-dir  ${relative(process.cwd(), result.modelDir) || result.modelDir}`);
    terminal.out(`  version    ${result.version}`);
    terminal.out(`  digest     ${result.digest}`);
    terminal.out(`  replaced   ${result.previousVersion ?? `nothing (the first promotion of ${line.model} to ${line.environment})`}`);
    if (result.mlflow) {
      const { registeredModel, alias, version, previous } = result.mlflow;
      terminal.out(`  mlflow     models:/${registeredModel}@${alias} is version ${version}${previous === null ? "" : ` (was ${previous})`}`);
    }
  } finally {
    await session.finish(run.id, promoted);
  }
  return 0;
}
__name(promoteCommand, "promoteCommand");
async function localSession(workspace, line) {
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { models: line.model, defaultBranch: line.common.defaultBranch });
  const deployments = new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger);
  return {
    begin: /* @__PURE__ */ __name(() => runs.begin({ context: local.context, headBranch: local.headBranch, models: [] }), "begin"),
    finish: /* @__PURE__ */ __name(async (runId, promoted) => {
      await runs.finish(runId, promoted ? "success" : "failure");
    }, "finish"),
    stores: /* @__PURE__ */ __name((run) => ({ artifacts: new FsArtifactStore(workspace.root, run.id, workspace.ports.logger), runs, history: new GitBranchHistory(workspace.git), deployments }), "stores"),
    defaultBranch: local.context.defaultBranch
  };
}
__name(localSession, "localSession");
async function gitlabSession(workspace, line) {
  const { openGitLabJob } = await import("./gitlab-ports-FW7Y6NPX.js");
  const job = openGitLabJob(workspace, process.env, workspace.ports.logger, { defaultBranch: line.common.defaultBranch });
  const defaultBranch = job.context.defaultBranch;
  if (job.context.trigger.kind === "pull_request" || job.headBranch !== defaultBranch) {
    throw new UserError(
      `model-ci promote runs only in a pipeline of the default branch ${defaultBranch}, and this is ${job.description}: the promotion policy in model-ci.yml is the default branch's to set; run the promotion job of a ${defaultBranch} pipeline`
    );
  }
  return {
    begin: /* @__PURE__ */ __name(async () => ({ id: job.run.id, url: job.run.url }), "begin"),
    finish: /* @__PURE__ */ __name(async () => {
    }, "finish"),
    stores: /* @__PURE__ */ __name(() => ({ artifacts: job.adapters.artifacts, runs: job.adapters.runs, history: job.history, deployments: job.adapters.deployments }), "stores"),
    defaultBranch,
    actor: job.actor
  };
}
__name(gitlabSession, "gitlabSession");
export {
  promoteCommand
};
