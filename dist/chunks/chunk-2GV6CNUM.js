import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  isNotFound,
  writeOrExplainRefusal
} from "./chunk-GCMKBNH7.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

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
  write(action, work) {
    return writeOrExplainRefusal(action, "the token needs the permission `pull-requests: write` (a fork pull request's token is read-only)", work);
  }
};
function toPullRequestInfo(pull) {
  return {
    number: pull.number,
    baseSha: pull.base.sha,
    baseRef: pull.base.ref,
    headSha: pull.head.sha,
    headRef: pull.head.ref,
    headRepository: pull.head.repo?.full_name ?? null,
    url: pull.html_url
  };
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

export {
  GitHubPullRequestThreads
};
