import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-I4M2JGCQ.js";
import {
  promotionHistory,
  renderHistory
} from "./chunk-EMP222YU.js";
import "./chunk-AQRI76XA.js";
import "./chunk-227ZVA2U.js";
import {
  openLocalWorkspace,
  userName
} from "./chunk-ZLODL65B.js";
import {
  terminalLogger
} from "./chunk-V2Y4BDPF.js";
import "./chunk-4KRRQ3FA.js";
import {
  Repository
} from "./chunk-ULXBQXHO.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TFIZI4EP.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-ELOHUP5D.js";
import "./chunk-6JMLOLNZ.js";

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
export {
  historyCommand
};
