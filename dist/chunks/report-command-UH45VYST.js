import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-QOYMUDFY.js";
import "./chunk-DNUYY36M.js";
import "./chunk-D5X4N3TQ.js";
import "./chunk-2FOVMMOQ.js";
import "./chunk-CLWJE2OG.js";
import "./chunk-6G5JYNP7.js";
import "./chunk-I62LHSLD.js";
import "./chunk-EM67XZS5.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-VU5VC6LV.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-VDEGDA4A.js";
import {
  terminalLogger
} from "./chunk-YWELQVZA.js";
import "./chunk-4GJO74E3.js";
import "./chunk-WF4PJE3Q.js";
import "./chunk-ICW3RPFB.js";
import "./chunk-XG3QSWCQ.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TMHXZZZC.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-XGXI44WM.js";
import "./chunk-6JMLOLNZ.js";

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
export {
  reportCommand
};
