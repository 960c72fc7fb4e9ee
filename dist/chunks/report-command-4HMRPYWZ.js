import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-P5XXY5UZ.js";
import "./chunk-MVTSV5JB.js";
import "./chunk-BLVXZADQ.js";
import "./chunk-TR5HTG53.js";
import "./chunk-YG3KTMXB.js";
import "./chunk-OAIJITMQ.js";
import "./chunk-DBIO4U6Y.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-2TI6Z6IV.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-7G5T3JI6.js";
import "./chunk-PERBXDBL.js";
import "./chunk-7KWYGHE4.js";
import "./chunk-U4TIC4V3.js";
import "./chunk-WOHD2INY.js";
import "./chunk-SOG5FYFF.js";
import "./chunk-WRDFV4U7.js";
import "./chunk-CYNM7F7O.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-L42OKSD7.js";
import "./chunk-QXAEH3IU.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-AXN4SUJJ.js";
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
