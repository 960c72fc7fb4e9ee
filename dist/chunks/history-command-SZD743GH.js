import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-JEZZCRGL.js";
import {
  promotionHistory,
  renderHistory
} from "./chunk-BP5YRU3R.js";
import "./chunk-QYWOE5PS.js";
import {
  openLocalWorkspace,
  userName
} from "./chunk-YLGEV666.js";
import "./chunk-2Y2OQO3M.js";
import {
  Repository
} from "./chunk-JNYJIKO4.js";
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

// src/cli/history-command.ts
async function historyCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const environments = line.environment !== void 0 ? [line.environment] : (await Repository.read(workspace.ports, workspace.configFile)).config.environments;
  const deployments = new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger);
  const entries = await promotionHistory(deployments, line.model, environments);
  terminal.out(`Promotions of ${line.model} in ${environments.join(", ")}:`);
  terminal.out(renderHistory(entries, "text").replace(/\n+$/, ""));
  return 0;
}
__name(historyCommand, "historyCommand");
export {
  historyCommand
};
