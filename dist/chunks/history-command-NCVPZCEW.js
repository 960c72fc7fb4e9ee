import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-J5MJIE6B.js";
import {
  promotionHistory,
  renderHistory
} from "./chunk-LG66MASO.js";
import "./chunk-7AG3JQSI.js";
import "./chunk-EXMN6DPH.js";
import {
  openLocalWorkspace,
  userName
} from "./chunk-TD7SGVNY.js";
import {
  terminalLogger
} from "./chunk-VBS6TQRQ.js";
import "./chunk-WF4PJE3Q.js";
import {
  Repository
} from "./chunk-3F3CGAHI.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TMHXZZZC.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-GNSC3OUJ.js";
import "./chunk-6JMLOLNZ.js";

// src/cli/history-command.ts
async function historyCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const environments = line.environment !== void 0 ? [line.environment] : (await Repository.read(workspace.ports, workspace.configFile)).config.environments;
  const deployments = new FsDeployments(workspace.root, await userName(workspace.root));
  const entries = await promotionHistory(deployments, line.model, environments);
  terminal.out(`Promotions of ${line.model} in ${environments.join(", ")}:`);
  terminal.out(renderHistory(entries, "text").replace(/\n+$/, ""));
  return 0;
}
export {
  historyCommand
};
