import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-JEZZCRGL.js";
import {
  promote
} from "./chunk-OKIGNX3F.js";
import "./chunk-BP5YRU3R.js";
import {
  hashTree
} from "./chunk-OHZDVR6X.js";
import "./chunk-YQNGXE5B.js";
import "./chunk-QYWOE5PS.js";
import "./chunk-CFV76OWT.js";
import {
  FsArtifactStore,
  FsWorkflowRuns,
  localRunContext
} from "./chunk-2KYDMILD.js";
import {
  openLocalWorkspace,
  prepareStateDir,
  userName
} from "./chunk-YLGEV666.js";
import "./chunk-DFTQGPV6.js";
import {
  NodeFileSystem
} from "./chunk-WUYFTWOF.js";
import "./chunk-2Y2OQO3M.js";
import "./chunk-JNYJIKO4.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-NT26R3VH.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-P3HCSURS.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-MBAQQDDT.js";
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
