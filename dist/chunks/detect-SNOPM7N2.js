import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  openCheckout,
  readRunContext,
  withAnnotationPaths
} from "./chunk-LIXHA5HD.js";
import {
  assertMatrixFits,
  detect
} from "./chunk-TG2KNSFE.js";
import "./chunk-DNO72XF2.js";
import "./chunk-6FD4GVCR.js";
import "./chunk-GZSWI5FM.js";
import "./chunk-7RD6YKSP.js";
import {
  getDetectInputs
} from "./chunk-MEM7FYBG.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-P3HCSURS.js";
import "./chunk-QBETYKPB.js";
import "./chunk-CN6ZETB5.js";
import {
  info,
  setOutput,
  summary
} from "./chunk-ES5T7FVD.js";
import "./chunk-MBAQQDDT.js";
import {
  __name
} from "./chunk-752PIHHL.js";

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
          const { createGitHubClient } = await import("./octokit-WPFAG7C7.js");
          const { GitHubPullRequestFiles } = await import("./pull-request-files-5NMODB2V.js");
          return new GitHubPullRequestFiles(createGitHubClient(inputs.token), context.repository);
        }, "pullRequestFiles")
      },
      { context, models: inputs.models, configFile: inputs.configFile }
    )
  );
  setDetectOutputs(result);
  await summary.addRaw(result.summary).write();
  info(`${result.models.length} model(s) to train${listed(result.models)}`);
  if (result.deleted.length > 0) info(`${result.deleted.length} deleted${listed(result.deleted)}`);
  assertMatrixFits(result);
}
__name(runDetectAction, "runDetectAction");
function setDetectOutputs(result) {
  if (result.matrix) setOutput("matrix" /* Matrix */, JSON.stringify(result.matrix));
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
