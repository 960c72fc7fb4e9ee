import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  localMonitorDir
} from "./chunk-W4G3SKJM.js";
import {
  monitor,
  renderMonitorTerminal
} from "./chunk-27MHXM7G.js";
import {
  FsCacheStore
} from "./chunk-V5KAG4N6.js";
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
  recordPath,
  userName
} from "./chunk-I4YPZPFZ.js";
import {
  isGitLabJob
} from "./chunk-TM5U5NKY.js";
import {
  NodeProcessRunner
} from "./chunk-4UTYDFXH.js";
import "./chunk-YMBPVG4G.js";
import "./chunk-L3QIWTCR.js";
import "./chunk-YZHWO5F3.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import "./chunk-L7GLD6KN.js";
import "./chunk-UEYPEA26.js";
import "./chunk-LNU257AZ.js";
import "./chunk-54F34Y4H.js";
import "./chunk-U2A4AV3N.js";
import {
  serializeMonitorRecord
} from "./chunk-FLQGHEHB.js";
import "./chunk-4VEFXRG7.js";
import "./chunk-CPDECAPN.js";
import "./chunk-F7IPPOV2.js";
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
import "./chunk-AFTLNK3V.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-WQATJMJ6.js";
import {
  UserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/monitor-command.ts
import { join } from "node:path";
async function monitorCommand(line, terminal) {
  if (isGitLabJob(process.env)) {
    throw new UserError("model-ci monitor does not run in a GitLab CI job yet: its promotion records and monitoring issues are GitHub's and local; run it on GitHub (the model-ci-monitor.yml workflow) or locally");
  }
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  await prepareStateDir(workspace);
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { defaultBranch: line.common.defaultBranch });
  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: [] });
  const logger = workspace.ports.logger;
  const files = new NodeFileSystem();
  let failed = true;
  try {
    const result = await monitor(
      {
        ...workspace.ports,
        runner: new NodeProcessRunner(),
        artifacts: new FsArtifactStore(workspace.root, run.id, logger),
        cache: new FsCacheStore(workspace.root, logger),
        runs,
        history: new GitBranchHistory(workspace.git),
        deployments: new FsDeployments(workspace.root, await userName(workspace.root), logger),
        hashTree,
        files,
        now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now")
      },
      {
        configFile: workspace.configFile,
        environment: line.environment,
        defaultBranch: local.context.defaultBranch,
        run: { id: run.id, url: run.url, sha: local.context.sha, runnerOs: process.platform === "win32" ? "Windows" : process.platform === "darwin" ? "macOS" : "Linux" },
        tempDir: join(workspace.stateDir, "tmp"),
        interpreter: line.python,
        pipArgs: [],
        env: Object.fromEntries(Object.entries(process.env).filter((entry) => entry[1] !== void 0))
      }
    );
    await files.writeText(join(workspace.stateDir, "monitor.md"), result.summary);
    await files.makeDir(localMonitorDir(workspace.root));
    await files.writeText(recordPath(localMonitorDir(workspace.root), run.id), serializeMonitorRecord(result.record));
    terminal.out(renderMonitorTerminal(result.record, result.judgements).replace(/\n$/, ""));
    if (result.notMonitored.length > 0) terminal.out(`Not monitored (no monitor or evaluate command in model.yml): ${result.notMonitored.join(", ")}`);
    failed = result.status === "fail";
    if (result.error) throw result.error;
    return 0;
  } finally {
    await runs.finish(run.id, failed ? "failure" : "success");
  }
}
__name(monitorCommand, "monitorCommand");
export {
  monitorCommand
};
