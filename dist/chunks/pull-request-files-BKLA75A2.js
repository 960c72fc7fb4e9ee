import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/github/pull-request-files.ts
var GITHUB_PULL_FILES_LIMIT = 3e3;
var GitHubPullRequestFiles = class {
  constructor(client, repository) {
    this.client = client;
    this.repository = repository;
  }
  client;
  repository;
  static {
    __name(this, "GitHubPullRequestFiles");
  }
  async listFiles(pullNumber) {
    const listed = await this.client.paginate(this.client.rest.pulls.listFiles, {
      ...this.repository,
      pull_number: pullNumber,
      per_page: 100
    });
    const files = listed.map((file) => ({
      filename: file.filename,
      status: file.status,
      previousFilename: file.previous_filename
    }));
    return { files, complete: files.length < GITHUB_PULL_FILES_LIMIT };
  }
};
export {
  GitHubPullRequestFiles
};
