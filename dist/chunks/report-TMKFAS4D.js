import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubWorkflowRuns
} from "./chunk-GVHIV2RD.js";
import {
  GitHubArtifactStore,
  currentRun,
  gitHubMessage,
  isNotFound,
  isRateLimit,
  requestStatus
} from "./chunk-DKWGYVNZ.js";
import {
  PermissionDeniedError,
  report
} from "./chunk-4GZQ6QVZ.js";
import "./chunk-JJ35KFJ7.js";
import "./chunk-AQRI76XA.js";
import "./chunk-AP7FZCXP.js";
import "./chunk-C24ZLKII.js";
import {
  NodeFileSystem
} from "./chunk-PL7GQDRQ.js";
import "./chunk-227ZVA2U.js";
import "./chunk-75H6ATOT.js";
import "./chunk-4KRRQ3FA.js";
import {
  createGitHubClient
} from "./chunk-QIMUISZ4.js";
import "./chunk-2OENYUZU.js";
import "./chunk-KOHZFQW3.js";
import {
  openCheckout,
  readRunContext,
  requiredEnv,
  withAnnotationPaths
} from "./chunk-J7ZKASVX.js";
import "./chunk-I3WGPBJZ.js";
import "./chunk-2VGVURDH.js";
import "./chunk-ULXBQXHO.js";
import {
  getReportInputs
} from "./chunk-PPYBU2EB.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-TFIZI4EP.js";
import "./chunk-IZDUDMWR.js";
import "./chunk-CN6ZETB5.js";
import "./chunk-ELOHUP5D.js";
import {
  setOutput,
  summary
} from "./chunk-74APWY4Q.js";
import "./chunk-6JMLOLNZ.js";

// src/action/report.ts
import { join } from "node:path";

// src/adapters/github/pull-request-threads.ts
var PER_PAGE = 100;
var ACTIONS_BOT_LOGIN = "github-actions[bot]";
var GitHubPullRequestThreads = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  login;
  /**
   * Reads every open pull request: `GET /commits/{sha}/pulls` would be one call, but it does not
   * list pull requests from forks, which is the case that needs this lookup (`workflow_run`).
   */
  async findByHeadSha(sha) {
    const pulls = await this.client.paginate(this.client.rest.pulls.list, { ...this.repository, state: "open", per_page: PER_PAGE });
    return pulls.filter((pull) => pull.head.sha === sha).map(toPullRequestInfo);
  }
  async listCommentsWith(number, marker) {
    const comments = await this.client.paginate(this.client.rest.issues.listComments, { ...this.repository, issue_number: number, per_page: PER_PAGE });
    return comments.filter((comment) => comment.body?.includes(marker)).map(toComment);
  }
  /**
   * `GET /user` names a personal token's user. An installation token (a workflow's GITHUB_TOKEN)
   * may not call it (403), so such a token is taken to write as `github-actions[bot]`; a GitHub
   * App's own installation token, which writes as `<app>[bot]`, is not told apart.
   */
  ownLogin() {
    this.login ??= this.fetchLogin().catch((error) => {
      this.login = void 0;
      throw error;
    });
    return this.login;
  }
  async fetchLogin() {
    try {
      const { data } = await this.client.rest.users.getAuthenticated();
      return data.login;
    } catch (error) {
      const status = requestStatus(error);
      if (status === 403 && !isRateLimit(error) || status === 404) return ACTIONS_BOT_LOGIN;
      throw error;
    }
  }
  async createComment(number, body) {
    return this.write(`comment on pull request #${number}`, async () => {
      const { data } = await this.client.rest.issues.createComment({ ...this.repository, issue_number: number, body });
      return toComment(data);
    });
  }
  async updateComment(commentId, body) {
    return this.write(`update comment ${commentId}`, async () => {
      const { data } = await this.client.rest.issues.updateComment({ ...this.repository, comment_id: commentId, body });
      return toComment(data);
    });
  }
  async deleteComment(commentId) {
    await this.write(`delete comment ${commentId}`, async () => {
      try {
        await this.client.rest.issues.deleteComment({ ...this.repository, comment_id: commentId });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }
  /** Runs a write; GitHub's 403 (not a rate limit) becomes a PermissionDeniedError that says what to grant. */
  async write(action, work) {
    try {
      return await work();
    } catch (error) {
      if (requestStatus(error) !== 403 || isRateLimit(error)) throw error;
      const said = gitHubMessage(error);
      throw new PermissionDeniedError(
        `GitHub refused to ${action}${said ? ` (${said})` : ""}: the token needs the permission \`pull-requests: write\` (a fork pull request's token is read-only)`,
        { cause: error }
      );
    }
  }
};
function toPullRequestInfo(pull) {
  return { number: pull.number, baseSha: pull.base.sha, baseRef: pull.base.ref, headSha: pull.head.sha, url: pull.html_url };
}
function toComment(comment) {
  return {
    id: comment.id,
    body: comment.body ?? "",
    url: comment.html_url,
    // A deleted account's comments have no user; GitHub shows them as `ghost`.
    author: comment.user?.login ?? "ghost",
    createdAt: comment.created_at
  };
}

// src/action/report.ts
var REPORT_FILE = "model-ci-report.md";
async function runReportAction(common) {
  const inputs = getReportInputs(common);
  const checkout = await openCheckout(inputs);
  const context = readRunContext(process.env, inputs.defaultBranch);
  const run = currentRun(process.env);
  const tempDir = requiredEnv("RUNNER_TEMP");
  const reportFile = join(tempDir, REPORT_FILE);
  const client = createGitHubClient(inputs.token);
  const result = await withAnnotationPaths(
    checkout,
    () => report(
      {
        ...checkout.ports,
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger: checkout.ports.logger }),
        runs: new GitHubWorkflowRuns(client, context.repository),
        threads: new GitHubPullRequestThreads(client, context.repository),
        files: new NodeFileSystem(),
        now: () => /* @__PURE__ */ new Date()
      },
      {
        configFile: inputs.configFile,
        expectedModels: inputs.expectedModels,
        context,
        run,
        sourceRunId: inputs.runId,
        tempDir,
        failOnRegression: inputs.failOnRegression,
        reportFile
      }
    )
  );
  setOutput("status" /* Status */, result.status);
  setOutput("regressions" /* Regressions */, String(result.regressions));
  setOutput("comment-url" /* CommentUrl */, result.commentUrl ?? "");
  setOutput("report" /* Report */, reportFile);
  await summary.addRaw(result.summary).write();
  if (result.error) throw result.error;
}
export {
  runReportAction
};
