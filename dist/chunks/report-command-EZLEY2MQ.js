import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-3EQYNSAP.js";
import "./chunk-5OFV6DFB.js";
import "./chunk-AHVP234M.js";
import "./chunk-Y6SY56W3.js";
import "./chunk-YQNGXE5B.js";
import "./chunk-QYWOE5PS.js";
import "./chunk-CFV76OWT.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-2KYDMILD.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-YLGEV666.js";
import "./chunk-DNO72XF2.js";
import "./chunk-GZSWI5FM.js";
import "./chunk-DFTQGPV6.js";
import "./chunk-WUYFTWOF.js";
import "./chunk-2Y2OQO3M.js";
import "./chunk-JNYJIKO4.js";
import "./chunk-FTQVXRRL.js";
import {
  terminalLogger
} from "./chunk-NT26R3VH.js";
import "./chunk-YK7ANJ5A.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-P3HCSURS.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-MBAQQDDT.js";
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
