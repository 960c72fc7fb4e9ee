import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-J5MJIE6B.js";
import {
  promote
} from "./chunk-QWVOLOMB.js";
import "./chunk-LG66MASO.js";
import "./chunk-V7BMWQH4.js";
import "./chunk-7AG3JQSI.js";
import {
  FsArtifactStore
} from "./chunk-LL3HTEKS.js";
import {
  hashTree
} from "./chunk-HNOYRDOL.js";
import "./chunk-WV7PDZT2.js";
import "./chunk-EXMN6DPH.js";
import {
  FsWorkflowRuns,
  localRunContext
} from "./chunk-52RZ2HUR.js";
import {
  openLocalWorkspace,
  prepareStateDir,
  userName
} from "./chunk-TD7SGVNY.js";
import {
  terminalLogger
} from "./chunk-VBS6TQRQ.js";
import "./chunk-WF4PJE3Q.js";
import "./chunk-3F3CGAHI.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TMHXZZZC.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-GNSC3OUJ.js";
import "./chunk-6JMLOLNZ.js";

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
        artifacts: new FsArtifactStore(workspace.root, run.id),
        runs,
        deployments: new FsDeployments(workspace.root, await userName(workspace.root)),
        hashTree,
        now: () => /* @__PURE__ */ new Date()
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
export {
  promoteCommand
};
