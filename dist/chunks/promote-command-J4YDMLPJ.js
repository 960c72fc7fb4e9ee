import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitBranchHistory
} from "./chunk-DBIO4U6Y.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  localRunContext
} from "./chunk-GC6XNE7V.js";
import {
  FsDeployments
} from "./chunk-EJBZ4DGK.js";
import {
  openLocalWorkspace,
  prepareStateDir,
  userName
} from "./chunk-UUWRXM6G.js";
import {
  promote
} from "./chunk-KA7TFIBU.js";
import "./chunk-QA7WONHK.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import {
  trackingConnector
} from "./chunk-3MBSJAUZ.js";
import "./chunk-TR5HTG53.js";
import "./chunk-PERBXDBL.js";
import {
  NodeFileSystem
} from "./chunk-OAIJITMQ.js";
import "./chunk-U4TIC4V3.js";
import "./chunk-WOHD2INY.js";
import "./chunk-J3ZX4T62.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-24STHNIG.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-A6P4TVDK.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/promote-command.ts
import { join, relative } from "node:path";
async function promoteCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  await prepareStateDir(workspace);
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { models: line.model, defaultBranch: line.common.defaultBranch });
  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: [] });
  let promoted = false;
  try {
    const result = await promote(
      {
        ...workspace.ports,
        artifacts: new FsArtifactStore(workspace.root, run.id, workspace.ports.logger),
        runs,
        history: new GitBranchHistory(workspace.git),
        deployments: new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger),
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
        defaultBranch: local.context.defaultBranch,
        run: { id: run.id, url: run.url },
        destination: join(workspace.stateDir, "promoted", line.environment, line.model),
        trackingUri: process.env.MLFLOW_TRACKING_URI || void 0
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
    await runs.finish(run.id, promoted ? "success" : "failure");
  }
  return 0;
}
__name(promoteCommand, "promoteCommand");
export {
  promoteCommand
};
