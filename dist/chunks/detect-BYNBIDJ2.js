import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  openCheckout,
  readRunContext,
  withAnnotationPaths
} from "./chunk-J7ZKASVX.js";
import {
  assertMatrixFits,
  detect
} from "./chunk-ABTAUGH5.js";
import "./chunk-I3WGPBJZ.js";
import "./chunk-XXGMVDBZ.js";
import "./chunk-2VGVURDH.js";
import "./chunk-ULXBQXHO.js";
import {
  getDetectInputs
} from "./chunk-PPYBU2EB.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TFIZI4EP.js";
import "./chunk-IZDUDMWR.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-ELOHUP5D.js";
import {
  info,
  setOutput,
  summary
} from "./chunk-74APWY4Q.js";
import "./chunk-6JMLOLNZ.js";

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
        pullRequestFiles: async () => {
          const { createGitHubClient } = await import("./octokit-VOAQELQI.js");
          const { GitHubPullRequestFiles } = await import("./pull-request-files-6D3S4XXK.js");
          return new GitHubPullRequestFiles(createGitHubClient(inputs.token), context.repository);
        }
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
function setDetectOutputs(result) {
  if (result.matrix) setOutput("matrix" /* Matrix */, JSON.stringify(result.matrix));
  setOutput("models" /* Models */, JSON.stringify(result.models));
  setOutput("has-models" /* HasModels */, result.models.length > 0 ? "true" : "false");
  setOutput("deleted" /* Deleted */, JSON.stringify(result.deleted));
  setOutput("base-sha" /* BaseSha */, result.baseSha);
  setOutput("head-sha" /* HeadSha */, result.headSha);
}
function listed(names) {
  const shown = 20;
  if (names.length === 0) return "";
  return `: ${names.slice(0, shown).join(", ")}${names.length > shown ? ` and ${names.length - shown} more` : ""}`;
}
export {
  runDetectAction
};
