import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-64HW7QI4.js";
import "./chunk-FUBEXJN5.js";
import "./chunk-GDVOMLM3.js";
import "./chunk-UC2FYGST.js";
import "./chunk-MFFFTVZU.js";
import "./chunk-6G5JYNP7.js";
import "./chunk-KBPBGJJO.js";
import "./chunk-WOMTNENV.js";
import "./chunk-EXMN6DPH.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-TGSIKRR2.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-P5WTZZPB.js";
import {
  terminalLogger
} from "./chunk-VBS6TQRQ.js";
import "./chunk-43HFX624.js";
import "./chunk-WF4PJE3Q.js";
import "./chunk-I3WGPBJZ.js";
import "./chunk-2VGVURDH.js";
import "./chunk-WJ7N3LCV.js";
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
