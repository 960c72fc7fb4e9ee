import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  LEDGER_ARTIFACT,
  LEDGER_FILE,
  MAX_LEDGER_BYTES,
  inParallel,
  notBranchPush,
  parseLedger,
  readArtifactRecord
} from "./chunk-FNDP2GQY.js";
import {
  UserError,
  isUserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/records/ledger-history.ts
var MAX_LEDGER_RUNS = 100;
function holdsLedger(run) {
  return run.conclusion === "success" || run.conclusion === "failure";
}
__name(holdsLedger, "holdsLedger");
async function ledgerCandidateRuns(runs, options) {
  const listed = await runs.listCompleted({ workflowId: options.workflowId, branch: options.branch, event: "push", limit: MAX_LEDGER_RUNS });
  const candidates = listed.filter(holdsLedger);
  const firstIndexOfSha = /* @__PURE__ */ new Map();
  candidates.forEach((run, index) => {
    if (!firstIndexOfSha.has(run.headSha)) firstIndexOfSha.set(run.headSha, index);
  });
  return candidates.map((run, index) => ({ run, index })).sort(
    (a, b) => firstIndexOfSha.get(a.run.headSha) - firstIndexOfSha.get(b.run.headSha) || Number(b.run.conclusion === "success") - Number(a.run.conclusion === "success") || a.index - b.index
  ).map(({ run }) => run);
}
__name(ledgerCandidateRuns, "ledgerCandidateRuns");
async function newestLedger(ports, options) {
  for (const run of await ledgerCandidateRuns(ports.runs, options)) {
    const found = await readableLedgerOfRun(ports, run, options);
    if (found) return found;
  }
  return void 0;
}
__name(newestLedger, "newestLedger");
async function readableLedgerOfRun(ports, run, options) {
  try {
    return await ledgerOfRun(ports, run, options);
  } catch (error) {
    if (!isUserError(error)) throw error;
    ports.logger.warning(`The ledger of run ${run.id} was skipped: ${error.message}`);
    return void 0;
  }
}
__name(readableLedgerOfRun, "readableLedgerOfRun");
async function ledgerOfRun(ports, run, options) {
  const [listed] = await ports.artifacts.list(run.id, { name: LEDGER_ARTIFACT });
  if (!listed) return void 0;
  const source = `artifact "${LEDGER_ARTIFACT}" of run ${run.id}`;
  const notOwn = await notBranchPush(ports.history, run, options.branch);
  if (notOwn !== void 0) throw new UserError(`${source} is not a ledger of ${options.branch}: ${notOwn}`);
  const text = await readArtifactRecord(ports.artifacts, listed, LEDGER_FILE, { runId: run.id, maxBytes: MAX_LEDGER_BYTES, source });
  const ledger = parseLedger(text, source);
  if (ledger.run_id !== run.id) {
    throw new UserError(`${source}: the ledger says it was written by run ${ledger.run_id}, so it was not used`);
  }
  return { ledger, run };
}
__name(ledgerOfRun, "ledgerOfRun");
var LEDGER_READ_CONCURRENCY = 4;
async function recentLedgers(ports, options) {
  const seenShas = /* @__PURE__ */ new Set();
  const runs = (await ledgerCandidateRuns(ports.runs, options)).filter((run) => {
    if (run.id === options.excludeRunId || seenShas.has(run.headSha)) return false;
    seenShas.add(run.headSha);
    return true;
  });
  const found = await inParallel(runs.slice(0, options.count), LEDGER_READ_CONCURRENCY, (run) => readableLedgerOfRun(ports, run, options));
  return found.flatMap((ledger) => ledger ? [ledger.ledger] : []);
}
__name(recentLedgers, "recentLedgers");

export {
  ledgerCandidateRuns,
  newestLedger,
  readableLedgerOfRun,
  recentLedgers
};
