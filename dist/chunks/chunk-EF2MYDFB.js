import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  FsWorkspace,
  GitCli,
  ScopedGit,
  listFilesWithoutGit
} from "./chunk-LYO4JN6R.js";
import {
  CONFIG_FILE
} from "./chunk-WQATJMJ6.js";
import {
  debug,
  group,
  info,
  warning
} from "./chunk-MUZ4VW64.js";
import {
  UserError,
  isUserError
} from "./chunk-MBJX3N7S.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/action/checkout.ts
import { realpathSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

// src/adapters/github/logger.ts
function actionsLogger(annotationPath = (file) => file) {
  return {
    info: /* @__PURE__ */ __name((message) => info(message), "info"),
    debug: /* @__PURE__ */ __name((message) => debug(message), "debug"),
    warning: /* @__PURE__ */ __name((message, properties) => warning(message, {
      title: properties?.title,
      file: properties?.file === void 0 ? void 0 : annotationPath(properties.file)
    }), "warning"),
    group: /* @__PURE__ */ __name((title, work) => group(title, work), "group")
  };
}
__name(actionsLogger, "actionsLogger");

// src/action/checkout.ts
async function openCheckout(inputs) {
  const checkoutRoot = realpathOrSelf(process.env.GITHUB_WORKSPACE || process.cwd());
  const workspaceRoot = resolveWorkspace(checkoutRoot, inputs.workingDirectory);
  const annotationPath = /* @__PURE__ */ __name((file) => posixRelative(checkoutRoot, join(workspaceRoot, file)), "annotationPath");
  const repository = await GitCli.open(workspaceRoot);
  return {
    workspaceRoot,
    annotationPath,
    ports: {
      git: repository ? new ScopedGit(repository, posixRelative(repository.root, workspaceRoot)) : void 0,
      workspace: new FsWorkspace(workspaceRoot),
      logger: actionsLogger(annotationPath),
      listFilesWithoutGit: /* @__PURE__ */ __name(() => listFilesWithoutGit(workspaceRoot), "listFilesWithoutGit")
    }
  };
}
__name(openCheckout, "openCheckout");
async function withAnnotationPaths(checkout, work) {
  try {
    return await work();
  } catch (error) {
    if (isUserError(error) && error.file !== void 0) {
      throw new UserError(error.message, { file: checkout.annotationPath(error.file), cause: error });
    }
    throw error;
  }
}
__name(withAnnotationPaths, "withAnnotationPaths");
function resolveWorkspace(checkoutRoot, workingDirectory) {
  const root = resolve(checkoutRoot, workingDirectory);
  try {
    return realpathSync(root);
  } catch {
    throw new UserError(`input "working-directory": folder ${root} does not exist; give the folder that holds ${CONFIG_FILE}, relative to the repository`);
  }
}
__name(resolveWorkspace, "resolveWorkspace");
function realpathOrSelf(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
__name(realpathOrSelf, "realpathOrSelf");
function posixRelative(from, to) {
  return relative(from, to).split(sep).join("/");
}
__name(posixRelative, "posixRelative");

export {
  openCheckout,
  withAnnotationPaths
};
