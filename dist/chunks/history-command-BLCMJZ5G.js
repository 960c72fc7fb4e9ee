import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-FMS4XDNJ.js";
import {
  promotionHistory,
  renderHistory,
  withRegistryVersions
} from "./chunk-MHCSFVDW.js";
import {
  trackingConnector
} from "./chunk-3MBSJAUZ.js";
import {
  openLocalWorkspace,
  userName
} from "./chunk-7G5T3JI6.js";
import "./chunk-WOHD2INY.js";
import {
  Repository
} from "./chunk-WRDFV4U7.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-L42OKSD7.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-AXN4SUJJ.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/history-command.ts
async function historyCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const { config } = await Repository.read(workspace.ports, workspace.configFile);
  const environments = line.environment !== void 0 ? [line.environment] : config.environments;
  const deployments = new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger);
  const recorded = await promotionHistory(deployments, line.model, environments, { creators: [] });
  const entries = await withRegistryVersions(workspace.ports.logger, recorded, {
    mlflow: config.mlflow,
    connect: trackingConnector(process.env),
    trackingUri: process.env.MLFLOW_TRACKING_URI || void 0,
    model: line.model
  });
  terminal.out(`Promotions of ${line.model} in ${environments.join(", ")}:`);
  terminal.out(renderHistory(entries, "text").replace(/\n+$/, ""));
  return 0;
}
__name(historyCommand, "historyCommand");
export {
  historyCommand
};
