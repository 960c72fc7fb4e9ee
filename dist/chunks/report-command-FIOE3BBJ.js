import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-WWLIRFMY.js";
import "./chunk-KR5P7JVU.js";
import "./chunk-AQNZUOYN.js";
import "./chunk-AOD3OVLB.js";
import "./chunk-US4LWH5K.js";
import "./chunk-6G5JYNP7.js";
import "./chunk-GQPCPNHE.js";
import "./chunk-EXMN6DPH.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-ORINTDIJ.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-PVURQUCC.js";
import {
  terminalLogger
} from "./chunk-VBS6TQRQ.js";
import "./chunk-43HFX624.js";
import "./chunk-WF4PJE3Q.js";
import "./chunk-ICW3RPFB.js";
import "./chunk-2VGVURDH.js";
import "./chunk-IE46PYID.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TMHXZZZC.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-GNSC3OUJ.js";
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
