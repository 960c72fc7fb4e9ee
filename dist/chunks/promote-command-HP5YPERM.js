import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-42CZERRS.js";
import {
  promote
} from "./chunk-HNKSLSOK.js";
import "./chunk-NIKG5LTI.js";
import {
  hashTree
} from "./chunk-APDUUBKN.js";
import "./chunk-YQNGXE5B.js";
import "./chunk-ZAUJSVFJ.js";
import {
  GitBranchHistory
} from "./chunk-KOVMKFNM.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  localRunContext
} from "./chunk-VQ2W4V2V.js";
import {
  openLocalWorkspace,
  prepareStateDir,
  userName
} from "./chunk-XHW3M24K.js";
import "./chunk-32ITZCBF.js";
import {
  NodeFileSystem
} from "./chunk-QDBZXAKU.js";
import "./chunk-ZJVOS6DH.js";
import "./chunk-OXHN6L66.js";
import "./chunk-GRJJC6DV.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-7VA3MYRA.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-YDZ74IX5.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-625YEXAI.js";
import {
  __name
} from "./chunk-752PIHHL.js";

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
        now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now")
      },
      {
        configFile: workspace.configFile,
        model: line.model,
        version: line.version,
        environment: line.environment,
        defaultBranch: local.context.defaultBranch,
        run: { id: run.id, url: run.url },
        destination: join(workspace.stateDir, "promoted", line.environment, line.model)
      }
    );
    promoted = true;
    terminal.out(`  model-dir  ${relative(process.cwd(), result.modelDir) || result.modelDir}`);
    terminal.out(`  version    ${result.version}`);
    terminal.out(`  digest     ${result.digest}`);
    terminal.out(`  replaced   ${result.previousVersion ?? `nothing (the first promotion of ${line.model} to ${line.environment})`}`);
  } finally {
    await runs.finish(run.id, promoted ? "success" : "failure");
  }
  return 0;
}
__name(promoteCommand, "promoteCommand");
export {
  promoteCommand
};
