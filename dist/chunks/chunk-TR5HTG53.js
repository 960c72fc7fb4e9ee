import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/report/links.ts
var SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9\-._~%!$&*+,;=:@/?#]*)?$/;
function isSafeUrl(url) {
  return url !== void 0 && SAFE_URL.test(url);
}
__name(isSafeUrl, "isSafeUrl");
function link(text, url) {
  return isSafeUrl(url) ? `[${text}](${url})` : text;
}
__name(link, "link");
function repositoryUrl(runUrl) {
  const match = /^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/actions\/runs\/\d+/.exec(runUrl);
  return match !== null && isSafeUrl(match[1]) ? match[1] : void 0;
}
__name(repositoryUrl, "repositoryUrl");
function commitUrl(runUrl, sha) {
  const repository = repositoryUrl(runUrl);
  return repository !== void 0 && /^[0-9a-f]{7,64}$/.test(sha) ? `${repository}/commit/${sha}` : void 0;
}
__name(commitUrl, "commitUrl");
function artifactUrl(runUrl, runId, artifactId) {
  const repository = repositoryUrl(runUrl);
  if (repository === void 0 || artifactId === void 0 || !Number.isSafeInteger(runId) || !Number.isSafeInteger(artifactId)) return void 0;
  return `${repository}/actions/runs/${runId}/artifacts/${artifactId}`;
}
__name(artifactUrl, "artifactUrl");
function shortSha(sha) {
  return sha.slice(0, 7);
}
__name(shortSha, "shortSha");

export {
  isSafeUrl,
  link,
  commitUrl,
  artifactUrl,
  shortSha
};
