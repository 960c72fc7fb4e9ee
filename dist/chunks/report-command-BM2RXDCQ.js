import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  reportLocally
} from "./chunk-LBWA6OXZ.js";
import "./chunk-4GZQ6QVZ.js";
import "./chunk-JJ35KFJ7.js";
import "./chunk-AQRI76XA.js";
import "./chunk-NSVKWVNF.js";
import "./chunk-AP7FZCXP.js";
import "./chunk-C24ZLKII.js";
import "./chunk-PL7GQDRQ.js";
import "./chunk-227ZVA2U.js";
import {
  FsWorkflowRuns,
  noSuchRun
} from "./chunk-7GMU4ZPI.js";
import {
  openLocalWorkspace,
  prepareStateDir
} from "./chunk-ZLODL65B.js";
import {
  terminalLogger
} from "./chunk-V2Y4BDPF.js";
import "./chunk-75H6ATOT.js";
import "./chunk-4KRRQ3FA.js";
import "./chunk-I3WGPBJZ.js";
import "./chunk-2VGVURDH.js";
import "./chunk-ULXBQXHO.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TFIZI4EP.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-ELOHUP5D.js";
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
