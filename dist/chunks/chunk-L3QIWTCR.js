import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/batching.ts
var LEAST_SECONDS = 1;
function trainingWeights(seconds) {
  const known = seconds.filter((value) => value !== void 0 && Number.isFinite(value) && value >= 0).map((value) => Math.max(LEAST_SECONDS, value));
  const typical = known.length === 0 ? LEAST_SECONDS : median(known);
  return seconds.map((value) => value !== void 0 && Number.isFinite(value) && value >= 0 ? Math.max(LEAST_SECONDS, value) : typical);
}
__name(trainingWeights, "trainingWeights");
function packBatches(items, options) {
  if (!Number.isInteger(options.maxBatches) || options.maxBatches < 1) throw new Error(`packBatches: maxBatches is ${options.maxBatches}`);
  const weights = trainingWeights(items.map(options.secondsOf));
  const groups = /* @__PURE__ */ new Map();
  items.forEach((item, index) => {
    const key = options.groupOf(item);
    const members2 = groups.get(key);
    if (members2) members2.push(index);
    else groups.set(key, [index]);
  });
  if (groups.size > options.maxBatches) {
    throw new UserError(
      `max-jobs is ${options.maxBatches}, but the ${items.length} models to train need ${groups.size} different pairs of runs-on and python, and models of different pairs never share a job; raise max-jobs to ${groups.size} or more`,
      { input: "max-jobs" }
    );
  }
  const members = [...groups.values()];
  const counts = allotBatches(
    members.map((indexes) => indexes.reduce((sum, index) => sum + weights[index], 0)),
    members.map((indexes) => indexes.length),
    Math.max(...weights),
    options.maxBatches
  );
  const batches = members.flatMap((indexes, group) => longestFirst(indexes, weights, counts[group]));
  return batches.sort((a, b) => a[0] - b[0]).map((batch) => batch.map((index) => items[index]));
}
__name(packBatches, "packBatches");
function allotBatches(totals, sizes, longestItem, maxBatches) {
  const counts = totals.map(() => 1);
  for (let left = maxBatches - counts.length; left > 0; left--) {
    let busiest = -1;
    for (let group = 0; group < totals.length; group++) {
      if (counts[group] >= sizes[group] || totals[group] / counts[group] <= longestItem) continue;
      if (busiest === -1 || totals[group] / counts[group] > totals[busiest] / counts[busiest]) busiest = group;
    }
    if (busiest === -1) break;
    counts[busiest]++;
  }
  return counts;
}
__name(allotBatches, "allotBatches");
function longestFirst(indexes, weights, count) {
  const batches = Array.from({ length: count }, () => ({ load: 0, indexes: [] }));
  const byLength = [...indexes].sort((a, b) => weights[b] - weights[a] || a - b);
  for (const index of byLength) {
    let least = batches[0];
    for (const batch of batches) if (batch.load < least.load) least = batch;
    least.load += weights[index];
    least.indexes.push(index);
  }
  return batches.map((batch) => batch.indexes.sort((a, b) => a - b));
}
__name(longestFirst, "longestFirst");
function installsIntoInterpreter(config) {
  return !config.venv && config.requirements !== void 0;
}
__name(installsIntoInterpreter, "installsIntoInterpreter");
function trainsAloneBecause(model) {
  return `${model} has venv: false, so its requirements install into the runner's own Python`;
}
__name(trainsAloneBecause, "trainsAloneBecause");
function trainingsAtOnce(requested, models, anyAlone) {
  return anyAlone ? 1 : Math.max(1, Math.min(requested, models));
}
__name(trainingsAtOnce, "trainingsAtOnce");
function batchId(index, count) {
  return `b${String(index + 1).padStart(Math.max(3, String(count).length), "0")}`;
}
__name(batchId, "batchId");
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
__name(median, "median");

export {
  packBatches,
  installsIntoInterpreter,
  trainsAloneBecause,
  trainingsAtOnce,
  batchId
};
