import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  GitHubWorkflowRuns
} from "./chunk-GDNHAZNQ.js";
import {
  GitHubArtifactStore,
  currentRun
} from "./chunk-723PI6SU.js";
import {
  openCheckout,
  withAnnotationPaths
} from "./chunk-FL7AR2SL.js";
import {
  readRunContext,
  requiredEnv
} from "./chunk-XKOMN5IS.js";
import {
  PermissionDeniedError,
  report
} from "./chunk-5OFV6DFB.js";
import "./chunk-AHVP234M.js";
import "./chunk-Y6SY56W3.js";
import "./chunk-YQNGXE5B.js";
import "./chunk-QYWOE5PS.js";
import "./chunk-CFV76OWT.js";
import "./chunk-DNO72XF2.js";
import "./chunk-GZSWI5FM.js";
import "./chunk-DFTQGPV6.js";
import {
  NodeFileSystem
} from "./chunk-WUYFTWOF.js";
import "./chunk-2Y2OQO3M.js";
import "./chunk-JNYJIKO4.js";
import {
  getReportInputs
} from "./chunk-YRMUNTBO.js";
import "./chunk-FTQVXRRL.js";
import "./chunk-YK7ANJ5A.js";
import "./chunk-RGQSQ6VL.js";
import "./chunk-P3HCSURS.js";
import "./chunk-QBETYKPB.js";
import "./chunk-CN6ZETB5.js";
import {
  createGitHubClient
} from "./chunk-BP676UIX.js";
import {
  gitHubMessage,
  isNotFound,
  requestStatus
} from "./chunk-CXGUPMT6.js";
import "./chunk-MBAQQDDT.js";
import "./chunk-XDJB7Y54.js";
import "./chunk-FKDB2QWR.js";
import {
  setOutput,
  summary
} from "./chunk-ES5T7FVD.js";
import {
  __name
} from "./chunk-752PIHHL.js";

// src/action/report.ts
import { join } from "node:path";

// src/adapters/github/pull-request-threads.ts
var PER_PAGE = 100;
var GitHubPullRequestThreads = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  static {
    __name(this, "GitHubPullRequestThreads");
  }
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
   * The login the token writes as, from GraphQL's `viewer`, which GitHub answers for every kind of
   * token: a person's login for a personal token, `github-actions[bot]` for a workflow's
   * GITHUB_TOKEN, `<app>[bot]` for a GitHub App's installation token. (REST's `GET /user` refuses
   * installation tokens, and `GET /app` wants the app's own JWT.) Asked once.
   */
  ownLogin() {
    this.login ??= this.fetchLogin().catch((error) => {
      this.login = void 0;
      throw error;
    });
    return this.login;
  }
  async fetchLogin() {
    const { viewer } = await this.client.graphql("query { viewer { login } }");
    return viewer.login;
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
  /**
   * Runs a write; GitHub's 403 becomes a PermissionDeniedError that says what to grant (a 403 that
   * is a rate limit never gets here: the client waits it out or fails with its own UserError).
   */
  async write(action, work) {
    try {
      return await work();
    } catch (error) {
      if (requestStatus(error) !== 403) throw error;
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
__name(toPullRequestInfo, "toPullRequestInfo");
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
__name(toComment, "toComment");

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
  const runs = new GitHubWorkflowRuns(client, context.repository);
  const result = await withAnnotationPaths(
    checkout,
    () => report(
      {
        ...checkout.ports,
        artifacts: new GitHubArtifactStore({ runId: run.id, runAttempt: run.attempt, token: inputs.token, repository: context.repository, logger: checkout.ports.logger }),
        runs,
        jobs: runs,
        threads: new GitHubPullRequestThreads(client, context.repository),
        files: new NodeFileSystem(),
        now: /* @__PURE__ */ __name(() => /* @__PURE__ */ new Date(), "now")
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
__name(runReportAction, "runReportAction");
export {
  runReportAction
};
