import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  trainLocally
} from "./chunk-JGMMXGKG.js";
import {
  FsWorkflowRuns,
  localRunContext,
  warnIfUncommitted
} from "./chunk-GC6XNE7V.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-UUWRXM6G.js";
import "./chunk-SCNQUDGE.js";
import {
  resolveTraining
} from "./chunk-VJBJRSEQ.js";
import "./chunk-V7WXQM7V.js";
import "./chunk-3MBSJAUZ.js";
import "./chunk-BLVXZADQ.js";
import "./chunk-E5XEYG6P.js";
import "./chunk-OAIJITMQ.js";
import "./chunk-U4TIC4V3.js";
import "./chunk-WOHD2INY.js";
import "./chunk-SOG5FYFF.js";
import "./chunk-J3ZX4T62.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-24STHNIG.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-A6P4TVDK.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-CN6ZETB5.js";
import {
  UserError,
  isUserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/train-command.ts
async function trainCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const runs = new FsWorkflowRuns(workspace.root);
  const local = await localRunContext(workspace, runs, { models: line.model, defaultBranch: line.common.defaultBranch });
  await resolveTraining(workspace.ports, { model: line.model, configFile: workspace.configFile }).catch((error) => {
    throw isUserError(error) ? trainError(line.model, error) : error;
  });
  await prepareStateDir(workspace);
  const uncommittedFiles = await warnIfUncommitted(workspace);
  const run = await runs.begin({ context: local.context, headBranch: local.headBranch, models: [line.model] });
  terminal.out(`Local run ${run.id}: training ${line.model}`);
  let trained = false;
  try {
    const settings = { jobs: 1, python: line.python, verbose: true, showCause: false };
    const [training] = await trainLocally(workspace, terminal, { run, local, settings, uncommittedFiles }, [line.model]);
    const result = training.result;
    if (result) {
      terminal.out(`  version   ${result.manifest.version}`);
      terminal.out(`  artifact  ${result.artifact.name} (id ${result.artifact.id}, ${result.artifact.digest})`);
      const metrics = Object.entries(result.manifest.metrics);
      if (metrics.length > 0) terminal.out(`  metrics   ${metrics.map(([name, value]) => `${showUntrusted(name, 100)}: ${value}`).join(", ")}`);
      if (result.error) terminal.err(result.error.message);
    }
    if (training.error) throw trainError(line.model, training.error);
    trained = training.outcome.kind === "trained";
    if (trained) terminal.out(`Compare it with its baseline: model-ci report --run ${run.id}`);
  } finally {
    await runs.finish(run.id, trained ? "success" : "failure");
  }
  return trained ? 0 : 1;
}
__name(trainCommand, "trainCommand");
function trainError(model, error) {
  return new UserError(`model-ci train ${model}: ${error.message}`, { file: error.file, input: error.input, cause: error });
}
__name(trainError, "trainError");
export {
  trainCommand
};
