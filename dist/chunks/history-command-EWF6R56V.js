import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsDeployments
} from "./chunk-S7CHGICI.js";
import {
  openLocalWorkspace,
  userName
} from "./chunk-I4YPZPFZ.js";
import {
  isGitLabJob
} from "./chunk-TM5U5NKY.js";
import {
  withRegistryVersions
} from "./chunk-ROSOMCWV.js";
import {
  trackingConnector
} from "./chunk-5UWSSAHD.js";
import "./chunk-L7GLD6KN.js";
import {
  promotionHistory,
  renderHistory
} from "./chunk-4VEFXRG7.js";
import "./chunk-CPDECAPN.js";
import {
  listedEnvironment
} from "./chunk-Z62BL5T3.js";
import "./chunk-MIR6WUZ2.js";
import {
  Repository
} from "./chunk-LYO4JN6R.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-YOF6SXVJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-WQATJMJ6.js";
import {
  UserError,
  showUntrusted
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/history-command.ts
async function historyCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  const repository = await Repository.read(workspace.ports, workspace.configFile);
  const { config } = repository;
  const listed = line.environment === void 0 ? void 0 : listedEnvironment(line.environment, config.environments);
  if (line.environment !== void 0 && listed === void 0) {
    throw new UserError(`model-ci history: environment ${showUntrusted(line.environment, 100)} is not one of the environments in model-ci.yml (${config.environments.join(", ")})`, { input: "--environment" });
  }
  const environments = listed !== void 0 ? [listed] : config.environments;
  const { deployments, creators } = isGitLabJob(process.env) ? { deployments: await gitlabDeployments(workspace, line), creators: config.promotion.recordCreators } : { deployments: new FsDeployments(workspace.root, await userName(workspace.root), workspace.ports.logger), creators: [] };
  const recorded = await promotionHistory(deployments, line.model, environments, { creators });
  if (recorded.length === 0 && !repository.model(line.model)) {
    const known = repository.models.map((model) => model.name).join(", ");
    throw new UserError(`model-ci history: there is no model named ${showUntrusted(line.model, 100)} and no promotion of one; the models are: ${known || "(none found)"}`, { input: "MODEL" });
  }
  const entries = await withRegistryVersions(workspace.ports.logger, recorded, {
    mlflow: config.mlflow,
    connect: trackingConnector(process.env),
    model: line.model
  });
  terminal.out(`Promotions of ${line.model} in ${environments.join(", ")}:`);
  terminal.out(renderHistory(entries, "text").replace(/\n+$/, ""));
  return 0;
}
__name(historyCommand, "historyCommand");
async function gitlabDeployments(workspace, line) {
  const { openGitLabJob } = await import("./gitlab-ports-FW7Y6NPX.js");
  return openGitLabJob(workspace, process.env, workspace.ports.logger, { defaultBranch: line.common.defaultBranch }).adapters.deployments;
}
__name(gitlabDeployments, "gitlabDeployments");
export {
  historyCommand
};
