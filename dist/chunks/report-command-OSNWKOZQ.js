import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-3QK6LA4M.js";
import "./chunk-DBIO4U6Y.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-GC6XNE7V.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-UUWRXM6G.js";
import "./chunk-SSETMVI6.js";
import "./chunk-BLVXZADQ.js";
import "./chunk-TR5HTG53.js";
import "./chunk-PERBXDBL.js";
import "./chunk-T5MJI2ZD.js";
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
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/cli/report-command.ts
var RUNS_LOOKED_AT = 100;
async function reportCommand(line, terminal) {
  const workspace = await openLocalWorkspace(line.common.repo, terminalLogger(terminal, { verbose: false }));
  await prepareStateDir(workspace);
  const runs = new FsWorkflowRuns(workspace.root);
  const run = line.runId === void 0 ? (await runs.listCompleted({ limit: RUNS_LOOKED_AT })).find((candidate) => candidate.models.length > 0) : await runs.get(line.runId);
  if (!run) throw noSuchRun(line.runId);
  const result = await reportLocally(workspace, runs, terminal, run, { writeLedger: false });
  if (result.error) terminal.err(`model-ci: ${result.error.message}`);
  return result.status === "pass" ? 0 : 1;
}
__name(reportCommand, "reportCommand");
export {
  reportCommand
};
