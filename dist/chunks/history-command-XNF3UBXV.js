import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-42CZERRS.js";
import {
  promotionHistory,
  renderHistory
} from "./chunk-NIKG5LTI.js";
import {
  openLocalWorkspace,
  userName
} from "./chunk-XHW3M24K.js";
import "./chunk-ZJVOS6DH.js";
import {
  Repository
} from "./chunk-OXHN6L66.js";
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

// src/cli/history-command.ts
async function historyCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const environments = line.environment !== void 0 ? [line.environment] : (await Repository.read(workspace.ports, workspace.configFile)).config.environments;
  const deployments = new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger);
  const entries = await promotionHistory(deployments, line.model, environments, { creators: [] });
  terminal.out(`Promotions of ${line.model} in ${environments.join(", ")}:`);
  terminal.out(renderHistory(entries, "text").replace(/\n+$/, ""));
  return 0;
}
__name(historyCommand, "historyCommand");
export {
  historyCommand
};
