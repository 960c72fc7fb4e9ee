import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsWorkflowRuns,
  localRunContext,
  warnIfUncommitted
} from "./chunk-7GMU4ZPI.js";
import {
  openLocalWorkspace
} from "./chunk-ZLODL65B.js";
import {
  terminalLogger
} from "./chunk-V2Y4BDPF.js";
import {
  detect
} from "./chunk-ABTAUGH5.js";
import "./chunk-I3WGPBJZ.js";
import "./chunk-XXGMVDBZ.js";
import "./chunk-2VGVURDH.js";
import "./chunk-ULXBQXHO.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TFIZI4EP.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-ELOHUP5D.js";
import "./chunk-6JMLOLNZ.js";

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
export {
  detectCommand
};
