import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  detect
} from "./chunk-H245T2DE.js";
import "./chunk-DRPRXASB.js";
import "./chunk-L3QIWTCR.js";
import "./chunk-T5MJI2ZD.js";
import {
  openCheckout,
  withAnnotationPaths
} from "./chunk-EF2MYDFB.js";
import {
  count
} from "./chunk-LYO4JN6R.js";
import {
  readRunContext
} from "./chunk-PTU7GM4Q.js";
import "./chunk-CYNM7F7O.js";
import {
  getDetectInputs
} from "./chunk-32D2ULUP.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-V6RXHKOK.js";
import "./chunk-WQATJMJ6.js";
import {
  info,
  setOutput
} from "./chunk-MUZ4VW64.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/github/step-summary.ts
import { appendFileSync } from "node:fs";
function appendStepSummary(markdown) {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) {
    throw new Error("Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.");
  }
  appendFileSync(path, markdown);
}
__name(appendStepSummary, "appendStepSummary");

// src/action/detect.ts
async function runDetectAction(common) {
  const inputs = getDetectInputs(common);
  const checkout = await openCheckout(inputs);
  const context = readRunContext(process.env, inputs.defaultBranch);
  const result = await withAnnotationPaths(
    checkout,
    () => detect(
      {
        ...checkout.ports,
        pullRequestFiles: /* @__PURE__ */ __name(async () => {
          const { createGitHubClient } = await import("./octokit-4PBSOXXT.js");
          const { GitHubPullRequestFiles } = await import("./pull-request-files-BKLA75A2.js");
          return new GitHubPullRequestFiles(createGitHubClient(inputs.token), context.repository);
        }, "pullRequestFiles"),
        ledger: /* @__PURE__ */ __name(async () => {
          const { defaultBranchLedger } = await import("./default-branch-ledger-HPDUYXRL.js");
          return defaultBranchLedger({ token: inputs.token, repository: context.repository, branch: context.defaultBranch, logger: checkout.ports.logger });
        }, "ledger")
      },
      { context, models: inputs.models, configFile: inputs.configFile, maxJobs: inputs.maxJobs, jobs: inputs.jobs }
    )
  );
  setDetectOutputs(result);
  appendStepSummary(result.summary);
  info(`${count(result.models.length, "model")} to train${listed(result.models)}`);
  if (result.matrix.include.length < result.models.length) info(`in ${result.matrix.include.length} jobs (more models than max-jobs, ${inputs.maxJobs})`);
  if (result.deleted.length > 0) info(`${result.deleted.length} deleted${listed(result.deleted)}`);
}
__name(runDetectAction, "runDetectAction");
function setDetectOutputs(result) {
  setOutput("matrix" /* Matrix */, JSON.stringify(result.matrix));
  setOutput("models" /* Models */, JSON.stringify(result.models));
  setOutput("has-models" /* HasModels */, result.models.length > 0 ? "true" : "false");
  setOutput("deleted" /* Deleted */, JSON.stringify(result.deleted));
  setOutput("base-sha" /* BaseSha */, result.baseSha);
  setOutput("head-sha" /* HeadSha */, result.headSha);
}
__name(setDetectOutputs, "setDetectOutputs");
function listed(names) {
  const shown = 20;
  if (names.length === 0) return "";
  return `: ${names.slice(0, shown).join(", ")}${names.length > shown ? ` and ${names.length - shown} more` : ""}`;
}
__name(listed, "listed");
export {
  runDetectAction
};
