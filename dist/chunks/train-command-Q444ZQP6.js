import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  trainLocally
} from "./chunk-BZVGOAJQ.js";
import "./chunk-LL3HTEKS.js";
import "./chunk-43CRJAPL.js";
import "./chunk-AP7FZCXP.js";
import "./chunk-KBPBGJJO.js";
import "./chunk-HNOYRDOL.js";
import "./chunk-WV7PDZT2.js";
import "./chunk-EXMN6DPH.js";
import {
  FsWorkflowRuns,
  localRunContext,
  warnIfUncommitted
} from "./chunk-52RZ2HUR.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-TD7SGVNY.js";
import {
  terminalLogger
} from "./chunk-VBS6TQRQ.js";
import "./chunk-43HFX624.js";
import "./chunk-WF4PJE3Q.js";
import "./chunk-ANQ4IW7R.js";
import "./chunk-2VGVURDH.js";
import "./chunk-3F3CGAHI.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TMHXZZZC.js";
import "./chunk-CN6ZETB5.js";
import {
  UserError,
  showUntrusted
} from "./chunk-GNSC3OUJ.js";
import "./chunk-6JMLOLNZ.js";

// src/cli/train-command.ts
async function trainCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  await prepareStateDir(workspace);
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { models: line.model, defaultBranch: line.common.defaultBranch });
  const uncommittedFiles = await warnIfUncommitted(workspace);
  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: [line.model] });
  terminal.out(`Local run ${run.id}: training ${line.model}`);
  let trained = false;
  try {
    const [training] = await trainLocally(workspace, terminal, { run, local, settings: { jobs: 1, python: line.python, verbose: true }, uncommittedFiles }, [line.model]);
    const result = training.result;
    if (result) {
      terminal.out(`  version   ${result.manifest.version}`);
      terminal.out(`  artifact  ${result.artifact.name} (id ${result.artifact.id}, ${result.artifact.digest})`);
      const metrics = Object.entries(result.manifest.metrics);
      if (metrics.length > 0) terminal.out(`  metrics   ${metrics.map(([name, value]) => `${showUntrusted(name, 100)}: ${value}`).join(", ")}`);
      if (result.error) terminal.err(result.error.message);
    }
    if (training.error) throw new UserError(`model-ci train ${line.model}: ${training.error.message}`, { file: training.error.file, cause: training.error });
    trained = training.outcome.kind === "trained";
    if (trained) terminal.out(`Compare it with its baseline: model-ci report --run ${run.id}`);
  } finally {
    await runs.finish(run.id, trained ? "success" : "failure");
  }
  return trained ? 0 : 1;
}
export {
  trainCommand
};
