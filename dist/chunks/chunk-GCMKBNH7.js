import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  PermissionDeniedError
} from "./chunk-RTT2E5ZA.js";
import {
  getOctokit,
  require_light,
  retry
} from "./chunk-HH2CR6UK.js";
import {
  warning
} from "./chunk-MUZ4VW64.js";
import {
  UserError,
  escapeControlCharacters
} from "./chunk-MBJX3N7S.js";
import {
  __name,
  __toESM
} from "./chunk-56XKJLMR.js";

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION = "0.0.0-development";
var noop = /* @__PURE__ */ __name(() => Promise.resolve(), "noop");
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
__name(wrapRequest, "wrapRequest");
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
__name(doRequest, "doRequest");
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
__name(isAuthRequest, "isAuthRequest");
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
__name(routeMatcher, "routeMatcher");
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = /* @__PURE__ */ __name(function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
}, "createGroups");
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = import_light.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = /* @__PURE__ */ __name(() => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  }, "initializeBottleneck");
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
__name(throttling, "throttling");
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;

// src/adapters/github/request-status.ts
function requestStatus(error) {
  const status = error?.status;
  return typeof status === "number" ? status : void 0;
}
__name(requestStatus, "requestStatus");
function isNotFound(error) {
  return requestStatus(error) === 404;
}
__name(isNotFound, "isNotFound");
function gitHubMessage(error) {
  const data = error?.response?.data;
  if (typeof data?.message !== "string") return "";
  const details = Array.isArray(data.errors) ? data.errors.map(describeValidationError).filter(Boolean) : [];
  const said = details.length > 0 ? `${data.message}: ${details.join("; ")}` : data.message;
  return escapeControlCharacters(said.replace(/\s+/g, " ").trim()).slice(0, MAX_MESSAGE_LENGTH);
}
__name(gitHubMessage, "gitHubMessage");
async function writeOrExplainRefusal(action, grant, work) {
  try {
    return await work();
  } catch (error) {
    if (requestStatus(error) !== 403) throw error;
    const said = gitHubMessage(error);
    throw new PermissionDeniedError(`GitHub refused to ${action}${said ? ` (${said})` : ""}: ${grant}`, { cause: error });
  }
}
__name(writeOrExplainRefusal, "writeOrExplainRefusal");
var MAX_MESSAGE_LENGTH = 300;
function describeValidationError(detail) {
  if (typeof detail === "string") return detail;
  if (typeof detail !== "object" || detail === null) return "";
  const { field, code, message } = detail;
  return [field, code, message].filter((part) => typeof part === "string" && part !== "").join(" ");
}
__name(describeValidationError, "describeValidationError");

// src/adapters/github/octokit.ts
var RATE_LIMIT_RETRIES = 3;
var MAX_RATE_LIMIT_WAIT_S = 600;
var DEFAULT_RETRY_AFTER_S = 60;
function createGitHubClient(token, { retryServerErrors = true } = {}) {
  const options = {
    baseUrl: process.env.GITHUB_API_URL || "https://api.github.com",
    // plugin-retry wraps the request inside plugin-throttling: left to it, a 429 is retried after
    // its own short backoff and neither retry-after nor the limit on waits is honoured.
    retry: { enabled: retryServerErrors, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      onRateLimit: /* @__PURE__ */ __name((retryAfter, request, octokit, retryCount) => mayWait(`GitHub's rate limit`, retryAfter, requestLine(octokit, request), retryCount), "onRateLimit"),
      onSecondaryRateLimit: /* @__PURE__ */ __name((retryAfter, request, octokit, retryCount) => mayWait(`GitHub's secondary rate limit`, retryAfter, requestLine(octokit, request), retryCount), "onSecondaryRateLimit")
    }
  };
  return getOctokit(token, options, retry, throttling, tooManyRequests);
}
__name(createGitHubClient, "createGitHubClient");
function mayWait(limit, seconds, request, retryCount) {
  if (retryCount >= RATE_LIMIT_RETRIES || seconds > MAX_RATE_LIMIT_WAIT_S) return false;
  warning(`${limit} was hit by ${request}; retrying after ${seconds} s`);
  return true;
}
__name(mayWait, "mayWait");
function requestLine(octokit, options) {
  const { method, url } = octokit.request.endpoint.parse(options);
  return `${method} ${new URL(url).pathname}`;
}
__name(requestLine, "requestLine");
var tooManyRequests = /* @__PURE__ */ __name((octokit) => {
  octokit.hook.wrap("request", async (request, options) => {
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await request(options);
      } catch (error) {
        const limit = rateLimitOf(error);
        if (!limit) throw error;
        const line = requestLine(octokit, options);
        if (!limit.throttling && mayWait(`A limit on requests (${requestStatus(error)} ${limit.kind})`, limit.waitSeconds, line, retryCount)) {
          await new Promise((resolve) => setTimeout(resolve, limit.waitSeconds * 1e3));
          continue;
        }
        const refused = `GitHub answered ${line} with ${requestStatus(error)} (${limit.kind})`;
        const message = limit.waitSeconds > MAX_RATE_LIMIT_WAIT_S ? `${refused} and asked to wait ${limit.waitSeconds} s, longer than model-ci waits (${MAX_RATE_LIMIT_WAIT_S} s); re-run the job once the limit has lifted` : `${refused} again after ${RATE_LIMIT_RETRIES} waits; re-run the job once the limit has lifted`;
        throw new UserError(message, { cause: error });
      }
    }
  });
}, "tooManyRequests");
function rateLimitOf(error) {
  const status = requestStatus(error);
  if (status !== 403 && status !== 429) return void 0;
  const headers = error.response?.headers ?? {};
  const retryAfter = retryAfterSeconds(headers["retry-after"]);
  if (/\bsecondary rate\b/i.test(error.message)) {
    return { kind: "secondary rate limit", waitSeconds: retryAfter ?? DEFAULT_RETRY_AFTER_S, throttling: true };
  }
  if (String(headers["x-ratelimit-remaining"]) === "0") {
    const reset = Number(headers["x-ratelimit-reset"]) * 1e3;
    return { kind: "rate limit", waitSeconds: Math.max(Math.ceil((reset - Date.now()) / 1e3) + 1, 0), throttling: true };
  }
  if (status === 403 && retryAfter === void 0) return void 0;
  return { kind: status === 429 ? "Too Many Requests" : "rate limit", waitSeconds: retryAfter ?? DEFAULT_RETRY_AFTER_S, throttling: false };
}
__name(rateLimitOf, "rateLimitOf");
function retryAfterSeconds(value) {
  if (value === void 0 || String(value).trim() === "") return void 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(Math.ceil(seconds), 0);
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? void 0 : Math.max(Math.ceil((date - Date.now()) / 1e3), 0);
}
__name(retryAfterSeconds, "retryAfterSeconds");

export {
  requestStatus,
  isNotFound,
  gitHubMessage,
  writeOrExplainRefusal,
  MAX_RATE_LIMIT_WAIT_S,
  createGitHubClient
};
