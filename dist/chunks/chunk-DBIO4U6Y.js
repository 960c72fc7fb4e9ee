import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/git/git-branch-history.ts
var GitBranchHistory = class {
  constructor(git) {
    this.git = git;
  }
  git;
  static {
    __name(this, "GitBranchHistory");
  }
  async contains(branch, sha) {
    return await this.git.mergeBase(sha, `refs/heads/${branch}`) === sha;
  }
};

export {
  GitBranchHistory
};
