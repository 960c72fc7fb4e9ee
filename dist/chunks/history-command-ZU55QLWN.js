import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-IIOUA3CP.js";
import {
  promotionHistory,
  renderHistory
} from "./chunk-XEHEAJLW.js";
import {
  openLocalWorkspace,
  userName
} from "./chunk-4EUTJM2L.js";
import "./chunk-BPW3FRDR.js";
import {
  Repository
} from "./chunk-LHJICZYT.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-L42OKSD7.js";
import "./chunk-66NWKTRK.js";
import "./chunk-IXXAWQMO.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

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
