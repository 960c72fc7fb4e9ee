import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-I4M2JGCQ.js";
import {
  promote
} from "./chunk-OJS6YLUP.js";
import "./chunk-EMP222YU.js";
import "./chunk-JJ35KFJ7.js";
import "./chunk-AQRI76XA.js";
import {
  FsArtifactStore
} from "./chunk-NSVKWVNF.js";
import {
  hashTree
} from "./chunk-7GFMMLGF.js";
import {
  NodeFileSystem
} from "./chunk-PL7GQDRQ.js";
import "./chunk-227ZVA2U.js";
import {
  FsWorkflowRuns,
  localRunContext
} from "./chunk-7GMU4ZPI.js";
import {
  openLocalWorkspace,
  prepareStateDir,
  userName
} from "./chunk-ZLODL65B.js";
import {
  terminalLogger
} from "./chunk-V2Y4BDPF.js";
import "./chunk-4KRRQ3FA.js";
import "./chunk-ULXBQXHO.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TFIZI4EP.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-ELOHUP5D.js";
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
        artifacts: new FsArtifactStore(workspace.root, run.id, workspace.ports.logger),
        runs,
        deployments: new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger),
        hashTree,
        files: new NodeFileSystem(),
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
