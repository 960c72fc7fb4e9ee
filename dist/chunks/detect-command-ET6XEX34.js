import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsWorkflowRuns,
  localRunContext,
  warnIfUncommitted
} from "./chunk-GEMLFLP7.js";
import {
  openLocalWorkspace
} from "./chunk-GPTDHOOV.js";
import {
  terminalLogger
} from "./chunk-HUUTRLBH.js";
import {
  detect
} from "./chunk-TG2KNSFE.js";
import "./chunk-DNO72XF2.js";
import "./chunk-6FD4GVCR.js";
import "./chunk-GZSWI5FM.js";
import "./chunk-7RD6YKSP.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-P3HCSURS.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-MBAQQDDT.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/cli/detect-command.ts
async function detectCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const local = await localRunContext(workspace, new FsWorkflowRuns(workspace.root), { ...line.trigger, defaultBranch: line.common.defaultBranch });
  const detected = await detect(workspace.ports, { context: local.context, models: local.models, configFile: workspace.configFile });
  await warnIfUncommitted(workspace);
  terminal.out(`detect: ${local.description}`);
  terminal.out(detected.models.length === 0 ? "No model changed." : `${detected.models.length} model(s) to train:`);
  const paths = new Map(detected.matrix?.include.map((entry) => [entry.model, entry.path]));
  const width = Math.max(0, ...detected.models.map((model) => model.length));
  for (const model of detected.models) terminal.out(`  ${model.padEnd(width)}  ${paths.get(model) ?? ""}`.trimEnd());
  if (detected.deleted.length > 0) terminal.out(`Deleted: ${detected.deleted.join(", ")}`);
  return 0;
}
__name(detectCommand, "detectCommand");
export {
  detectCommand
};
