import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-FWNLTD2E.js";
import "./chunk-K57UAVUK.js";
import "./chunk-AHVP234M.js";
import "./chunk-ADTSIS7H.js";
import "./chunk-L4FSXD52.js";
import "./chunk-YQNGXE5B.js";
import "./chunk-ZAUJSVFJ.js";
import "./chunk-KOVMKFNM.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-VQ2W4V2V.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-XHW3M24K.js";
import "./chunk-DNO72XF2.js";
import "./chunk-GZSWI5FM.js";
import "./chunk-32ITZCBF.js";
import "./chunk-QDBZXAKU.js";
import "./chunk-ZJVOS6DH.js";
import "./chunk-OXHN6L66.js";
import "./chunk-GRJJC6DV.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-7VA3MYRA.js";
import "./chunk-DWNJM2IW.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-YDZ74IX5.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-625YEXAI.js";
import {
  __name
} from "./chunk-752PIHHL.js";

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
