import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  monitor
} from "./chunk-27MHXM7G.js";
import {
  blankStartupEnvironment
} from "./chunk-2M6T2LIP.js";
import {
  NodeProcessRunner
} from "./chunk-4UTYDFXH.js";
import {
  GitHubCacheStore
} from "./chunk-YMBPVG4G.js";
import "./chunk-L3QIWTCR.js";
import "./chunk-YZHWO5F3.js";
import {
  hashTree
} from "./chunk-V7WXQM7V.js";
import "./chunk-L7GLD6KN.js";
import "./chunk-UEYPEA26.js";
import "./chunk-LNU257AZ.js";
import "./chunk-54F34Y4H.js";
import "./chunk-FLQGHEHB.js";
import {
  GitHubDeployments
} from "./chunk-LMGUBZLS.js";
import "./chunk-4VEFXRG7.js";
import "./chunk-CPDECAPN.js";
import {
  GitHubPullRequestThreads
} from "./chunk-2GV6CNUM.js";
import "./chunk-F7IPPOV2.js";
import "./chunk-TR5HTG53.js";
import "./chunk-KI7WHRU4.js";
import {
  NodeFileSystem
} from "./chunk-NM4CCGW3.js";
import {
  GitHubArtifactStore,
  GitHubBranchHistory,
  GitHubWorkflowRuns,
  commandEnv,
  currentRun
} from "./chunk-UCS5KP7G.js";
import "./chunk-FNDP2GQY.js";
import "./chunk-Z62BL5T3.js";
import "./chunk-UUCS4V4X.js";
import "./chunk-MIR6WUZ2.js";
import {
  openCheckout,
  withAnnotationPaths
} from "./chunk-EF2MYDFB.js";
import "./chunk-LYO4JN6R.js";
import {
  readRunContext,
  requiredEnv
} from "./chunk-PTU7GM4Q.js";
import "./chunk-CYNM7F7O.js";
import {
  getMonitorInputs
} from "./chunk-32D2ULUP.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-AFTLNK3V.js";
import "./chunk-C7AT6DMJ.js";
import "./chunk-EC74IOCJ.js";
import "./chunk-YUSQHEK4.js";
import "./chunk-V6RXHKOK.js";
import "./chunk-WQATJMJ6.js";
import {
  createGitHubClient,
  writeOrExplainRefusal
} from "./chunk-GCMKBNH7.js";
import "./chunk-RTT2E5ZA.js";
import "./chunk-HH2CR6UK.js";
import "./chunk-CEIG5RFU.js";
import {
  setOutput,
  summary
} from "./chunk-MUZ4VW64.js";
import "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/action/monitor.ts
import { join } from "node:path";

// src/adapters/github/issues.ts
var PER_PAGE = 100;
var GitHubIssues = class {
  constructor(client, repository, tokenLogin) {
    this.client = client;
    this.repository = repository;
    this.tokenLogin = tokenLogin;
  }
  client;
  repository;
  tokenLogin;
  static {
    __name(this, "GitHubIssues");
  }
  ownLogin() {
    return this.tokenLogin();
  }
  async listOpen(options) {
    const issues = await this.client.paginate(this.client.rest.issues.listForRepo, {
      ...this.repository,
      state: "open",
      creator: options.creator,
      sort: "created",
      direction: "asc",
      per_page: PER_PAGE
    });
    return issues.filter((issue) => issue.pull_request === void 0 && (issue.body ?? "").includes(options.marker)).map(toTrackedIssue).sort((a, b) => a.number - b.number);
  }
  async create(title, body) {
    return this.write("open an issue", async () => toTrackedIssue((await this.client.rest.issues.create({ ...this.repository, title, body })).data));
  }
  async update(number, change) {
    const closing = change.close === void 0 ? {} : { state: "closed", state_reason: change.close };
    return this.write(
      `update issue #${number}`,
      async () => toTrackedIssue((await this.client.rest.issues.update({ ...this.repository, issue_number: number, ...change.body === void 0 ? {} : { body: change.body }, ...closing })).data)
    );
  }
  async comment(number, body) {
    await this.write(`comment on issue #${number}`, () => this.client.rest.issues.createComment({ ...this.repository, issue_number: number, body }));
  }
  write(action, work) {
    return writeOrExplainRefusal(action, "the monitor job's token needs the permission `issues: write`", work);
  }
};
function toTrackedIssue(issue) {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    // A deleted account's issues have no user; GitHub shows them as `ghost`.
    author: issue.user?.login ?? "ghost",
    state: issue.state === "closed" ? "closed" : "open",
    url: issue.html_url
  };
}
__name(toTrackedIssue, "toTrackedIssue");

// src/action/monitor.ts
var MONITOR_REPORT_FILE = "model-ci-monitor.md";
async function runMonitorAction(common) {
  const inputs = getMonitorInputs(common);
  const blanked = blankStartupEnvironment();
  const checkout = await openCheckout(inputs);
  const context = readRunContext(process.env, inputs.defaultBranch);
  const run = currentRun(process.env);
  const logger = checkout.ports.logger;
  if (!blanked) logger.debug("The environment this process started with could not be blanked; the monitor commands can read it in /proc");
  const tempDir = requiredEnv("RUNNER_TEMP");
  const client = createGitHubClient(inputs.token);
  const threads = new GitHubPullRequestThreads(client, context.repository);
  const ownLogin = /* @__PURE__ */ __name(() => threads.ownLogin(), "ownLogin");
  const runs = new GitHubWorkflowRuns(client, context.repository);
  const result = await withAnnotationPaths(
    checkout,
    () => monitor(
      {
        ...checkout.ports,
        runner: new NodeProcessRunner(),
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger }),
        cache: new GitHubCacheStore(logger),
        runs,
        history: new GitHubBranchHistory(client, context.repository),
        deployments: new GitHubDeployments(client, context.repository, ownLogin),
        issues: new GitHubIssues(client, context.repository, ownLogin),
        hashTree,
        files: new NodeFileSystem(),
        now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now")
      },
      {
        configFile: inputs.configFile,
        environment: inputs.environment,
        defaultBranch: context.defaultBranch,
        run: { id: run.id, url: run.url, sha: requiredEnv("GITHUB_SHA"), runnerOs: process.env.RUNNER_OS || "Linux" },
        tempDir,
        interpreter: inputs.python,
        pipArgs: inputs.pipArgs,
        env: commandEnv(process.env)
      }
    )
  );
  const reportFile = join(tempDir, MONITOR_REPORT_FILE);
  await new NodeFileSystem().writeText(reportFile, result.summary);
  setOutput("status" /* Status */, result.status);
  setOutput("degraded" /* Degraded */, JSON.stringify(result.degraded));
  setOutput("report" /* Report */, reportFile);
  await summary.addRaw(result.summary).write();
  if (result.error) throw result.error;
}
__name(runMonitorAction, "runMonitorAction");
export {
  runMonitorAction
};
