import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-2JXBWR5G.js";
import "./chunk-COXFKFPF.js";
import "./chunk-V7BMWQH4.js";
import "./chunk-7AG3JQSI.js";
import "./chunk-LL3HTEKS.js";
import "./chunk-AP7FZCXP.js";
import "./chunk-KBPBGJJO.js";
import "./chunk-WV7PDZT2.js";
import "./chunk-EXMN6DPH.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-52RZ2HUR.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-TD7SGVNY.js";
import {
  terminalLogger
} from "./chunk-VBS6TQRQ.js";
import "./chunk-43HFX624.js";
import "./chunk-WF4PJE3Q.js";
import "./chunk-I3WGPBJZ.js";
import "./chunk-2VGVURDH.js";
import "./chunk-3F3CGAHI.js";
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
