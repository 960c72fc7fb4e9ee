import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/commands/detect/history.ts
var ZERO_SHA = /^0+$/;
function pullRequestTips(pull) {
  return [
    { sha: pull.baseSha, fallbackRefspec: `+refs/heads/${pull.baseRef}:refs/remotes/origin/${pull.baseRef}` },
    {
      sha: pull.headSha,
      fallbackRefspec: pull.headRefspec ?? (pull.number === void 0 ? void 0 : `+refs/pull/${pull.number}/head:refs/remotes/origin/pull/${pull.number}/head`)
    }
  ];
}
__name(pullRequestTips, "pullRequestTips");
var FIRST_DEEPEN = 32;
var DEEPEN_ROUNDS = 8;
async function ensureCommit(git, tip, logger) {
  if (await git.resolveCommit(tip.sha)) return true;
  const shallow = await git.isShallow();
  logger.debug(`fetching ${tip.sha}`);
  await fetchTips(git, [tip], shallow ? { depth: 1 } : {});
  return await git.resolveCommit(tip.sha) !== void 0;
}
__name(ensureCommit, "ensureCommit");
async function findMergeBase(git, a, b, logger) {
  const direct = await git.mergeBase(a.sha, b.sha);
  if (direct !== void 0) return { found: true, mergeBase: direct };
  for (const tip of [a, b]) {
    if (!await ensureCommit(git, tip, logger)) {
      return { found: false, unrelated: false, reason: `commit ${tip.sha} is not in the local repository and could not be fetched from origin` };
    }
  }
  let mergeBase = await git.mergeBase(a.sha, b.sha);
  let deepen = FIRST_DEEPEN;
  for (let round = 0; mergeBase === void 0 && await git.isShallow(); round++) {
    const wholeHistory = round >= DEEPEN_ROUNDS;
    logger.info(
      wholeHistory ? "Fetching the whole history to find the merge-base" : `Deepening the shallow clone by ${deepen} commits to find the merge-base`
    );
    const fetched = await fetchTips(git, [a, b], wholeHistory ? { unshallow: true } : { deepen });
    if (!fetched) {
      return { found: false, unrelated: false, reason: "the shallow clone could not be deepened: fetching from origin failed" };
    }
    mergeBase = await git.mergeBase(a.sha, b.sha);
    deepen *= 2;
  }
  if (mergeBase === void 0) {
    return { found: false, unrelated: true, reason: `commits ${a.sha} and ${b.sha} have no common ancestor in the repository's history` };
  }
  return { found: true, mergeBase };
}
__name(findMergeBase, "findMergeBase");
async function fetchTips(git, tips, options) {
  if (await git.fetch(tips.map((tip) => tip.sha), options)) return true;
  const refspecs = tips.map((tip) => tip.fallbackRefspec).filter((ref) => ref !== void 0);
  return refspecs.length > 0 && await git.fetch(refspecs, options);
}
__name(fetchTips, "fetchTips");

export {
  ZERO_SHA,
  pullRequestTips,
  ensureCommit,
  findMergeBase
};
