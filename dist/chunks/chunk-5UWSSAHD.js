import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  NO_TRACKING_SERVER,
  TrackingServerError
} from "./chunk-L7GLD6KN.js";
import {
  _enum,
  array,
  number,
  object,
  optional,
  safeParse,
  string,
  union,
  unknown
} from "./chunk-EC74IOCJ.js";
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/adapters/mlflow/mlflow-http.ts
import { setTimeout as delay } from "node:timers/promises";
var DEFAULT_RETRY_DELAYS_MS = [500, 1e3, 2e3];
var DEFAULT_TIMEOUT_MS = 3e4;
var MAX_DETAIL = 300;
function endpointLabel(method, path) {
  return `${method} ${path.replace(/^api\/2\.0\/(mlflow\/)?/, "")}`;
}
__name(endpointLabel, "endpointLabel");
var MlflowHttp = class {
  static {
    __name(this, "MlflowHttp");
  }
  uri;
  headers;
  secrets;
  retryDelaysMs;
  timeoutMs;
  sleep;
  constructor(options) {
    this.uri = options.uri;
    this.headers = options.headers ?? {};
    this.secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
  }
  /** The absolute URL of `path` with `query`; arrays become repeated parameters. */
  url(path, query = {}) {
    const url = new URL(`${this.uri}/${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === void 0) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    return url.toString();
  }
  async request(request) {
    const label = endpointLabel(request.method, request.path);
    const url = this.url(request.path, request.query);
    const headers = { ...this.headers, accept: "application/json" };
    let body;
    if (request.json !== void 0) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    } else if (request.body !== void 0) {
      headers["content-type"] = "application/octet-stream";
      body = request.body;
    }
    const retryable = !(request.body instanceof ReadableStream);
    const attempts = retryable ? this.retryDelaysMs.length + 1 : 1;
    let lastFailure;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.sleep(this.retryDelaysMs[attempt - 1] ?? 0);
      let status;
      let text;
      try {
        const init = {
          method: request.method,
          headers,
          body,
          signal: AbortSignal.timeout(Math.ceil(request.timeoutMs ?? this.timeoutMs))
        };
        if (body instanceof ReadableStream) init.duplex = "half";
        const response = await fetch(url, init);
        status = response.status;
        text = await response.text();
      } catch (error) {
        if (!isNetworkError(error)) throw error;
        const attemptsText = attempts === 1 ? "" : ` after ${attempts} attempts`;
        lastFailure = this.error(`MLflow at ${this.uri} is unreachable: ${label} failed${attemptsText} (${networkCause(error)})`, "UNREACHABLE");
        continue;
      }
      if (status >= 200 && status < 300) return this.parse(request.schema, text, label);
      const failure = this.httpError(status, text, label);
      if (status < 500 && status !== 429) throw failure;
      lastFailure = failure;
    }
    throw lastFailure ?? this.error(`MLflow at ${this.uri}: ${label} was not attempted`, "UNREACHABLE");
  }
  parse(schema, text, label) {
    let json;
    try {
      json = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      throw this.error(`MLflow at ${this.uri}: ${label} answered something that is not JSON: ${oneLine(text)}`, "INVALID_RESPONSE");
    }
    const parsed = safeParse(schema, json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === void 0 || issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
      throw this.error(`MLflow at ${this.uri}: ${label} answered an unexpected response${where}: ${issue?.message ?? "invalid"}`, "INVALID_RESPONSE");
    }
    return parsed.data;
  }
  httpError(status, text, label) {
    let code = String(status);
    let detail = oneLine(text);
    try {
      const body = JSON.parse(text);
      const parsed = safeParse(mlflowErrorSchema, body);
      if (parsed.success) {
        if (parsed.data.error_code !== void 0) code = parsed.data.error_code;
        detail = oneLine(parsed.data.message ?? "");
      }
    } catch {
    }
    const what = code === String(status) ? `HTTP ${status}` : `${code} (HTTP ${status})`;
    return this.error(`MLflow at ${this.uri}: ${label} answered ${what}${detail === "" ? "" : `: ${detail}`}`, code);
  }
  /** A TrackingServerError whose message has no credential in it. */
  error(message, code) {
    let safe = message;
    for (const secret of this.secrets) safe = safe.split(secret).join("***");
    return new TrackingServerError(safe, code);
  }
};
var mlflowErrorSchema = object({ error_code: optional(string()), message: optional(string()) });
function oneLine(text) {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}\u2026` : line;
}
__name(oneLine, "oneLine");
function isNetworkError(error) {
  const name = error?.name;
  return name === "TypeError" || name === "TimeoutError" || name === "AbortError";
}
__name(isNetworkError, "isNetworkError");
function networkCause(error) {
  const { name, message, cause } = error ?? {};
  if (name === "TimeoutError" || name === "AbortError") return "timed out";
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return oneLine(cause.message);
  return oneLine(typeof message === "string" ? message : String(error));
}
__name(networkCause, "networkCause");

// src/adapters/mlflow/mlflow-tracking-server.ts
import { setTimeout as delay2 } from "node:timers/promises";
var API = "api/2.0/mlflow";
var ARTIFACTS_API = "api/2.0/mlflow-artifacts/artifacts";
var LOG_BATCH_LIMITS = { metrics: 1e3, tags: 100, total: 1e3 };
var BUFFERED_UPLOAD_BYTES = 16 * 1024 * 1024;
var RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"];
var tagSchema = object({ key: string(), value: optional(string()) });
var tags = optional(array(tagSchema));
var metricValue = union([number(), _enum(["NaN", "Infinity", "-Infinity"])]);
var metricSchema = object({ key: string(), value: metricValue, timestamp: optional(union([number(), string()])), step: optional(union([number(), string()])) });
var runSchema = object({
  info: object({ run_id: string(), experiment_id: string(), status: _enum(RUN_STATUSES), artifact_uri: optional(string()) }),
  data: optional(object({ metrics: optional(array(metricSchema)), tags }))
});
var runAnswer = object({ run: runSchema });
var experimentAnswer = object({ experiment: object({ experiment_id: string(), lifecycle_stage: optional(string()) }) });
var createdExperiment = object({ experiment_id: string() });
var loggedModelsAnswer = object({
  models: optional(
    array(
      object({
        info: object({ model_id: string(), name: optional(string()), status: optional(string()), source_run_id: optional(string()) })
      })
    )
  ),
  next_page_token: optional(string())
});
var modelVersionSchema = object({
  name: string(),
  version: string(),
  run_id: optional(string()),
  source: optional(string()),
  status: optional(string()),
  status_message: optional(string()),
  tags,
  aliases: optional(array(string()))
});
var modelVersionAnswer = object({ model_version: modelVersionSchema });
var modelVersionsAnswer = object({ model_versions: optional(array(modelVersionSchema)), next_page_token: optional(string()) });
var registeredModelAnswer = object({
  registered_model: object({ aliases: optional(array(object({ alias: string(), version: string() }))) })
});
var anything = unknown();
var MlflowTrackingServer = class {
  constructor(http, options = {}) {
    this.http = http;
    this.pollMs = options.pollMs ?? 1e3;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 3e5;
    this.sleep = options.sleep ?? ((ms) => delay2(ms));
  }
  http;
  static {
    __name(this, "MlflowTrackingServer");
  }
  pollMs;
  readyTimeoutMs;
  sleep;
  get uri() {
    return this.http.uri;
  }
  async experimentId(name) {
    const existing = await this.experimentByName(name);
    if (existing !== void 0) return existing;
    try {
      const created = await this.post("experiments/create", { name }, createdExperiment);
      return created.experiment_id;
    } catch (error) {
      if (!isCode(error, "RESOURCE_ALREADY_EXISTS")) throw error;
      const raced = await this.experimentByName(name);
      if (raced === void 0) throw error;
      return raced;
    }
  }
  async experimentByName(name) {
    let answer;
    try {
      answer = await this.get("experiments/get-by-name", { experiment_name: name }, experimentAnswer);
    } catch (error) {
      if (isCode(error, "RESOURCE_DOES_NOT_EXIST")) return void 0;
      throw error;
    }
    if (answer.experiment.lifecycle_stage === "deleted") {
      throw this.http.error(
        `MLflow at ${this.uri}: the experiment "${name}" (id ${answer.experiment.experiment_id}) is deleted: restore it (mlflow experiments restore) or delete it for good (mlflow gc)`,
        "INVALID_STATE"
      );
    }
    return answer.experiment.experiment_id;
  }
  async createRun(request) {
    const answer = await this.post(
      "runs/create",
      { experiment_id: request.experimentId, run_name: request.runName, start_time: request.startTime.getTime(), tags: keyValues(request.tags) },
      runAnswer
    );
    return trackedRun(answer.run);
  }
  async getRun(runId) {
    const answer = await this.get("runs/get", { run_id: runId }, runAnswer);
    return trackedRun(answer.run);
  }
  async logBatch(runId, batch) {
    const timestamp = batch.timestamp.getTime();
    const metrics = Object.entries(batch.metrics ?? {}).map(([key, value]) => ({ key, value: metricJson(value), timestamp, step: 0 }));
    const tagList = keyValues(batch.tags ?? {});
    for (const call of splitBatch(metrics, tagList)) {
      await this.post("runs/log-batch", { run_id: runId, ...call }, anything);
    }
  }
  async endRun(runId, status, endTime) {
    await this.post("runs/update", { run_id: runId, status, end_time: endTime.getTime() }, anything);
  }
  clientEnv(run) {
    return { MLFLOW_TRACKING_URI: this.uri, MLFLOW_RUN_ID: run.runId, MLFLOW_EXPERIMENT_ID: run.experimentId };
  }
  runUrl(experimentId, runId) {
    return `${this.uri}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
  }
  /** The run's MLflow 3 logged models that finished uploading (LOGGED_MODEL_READY), newest first. */
  async loggedModels(experimentId, runId) {
    const models = [];
    let pageToken;
    do {
      const answer = await this.post(
        "logged-models/search",
        {
          experiment_ids: [experimentId],
          filter: `source_run_id = ${filterString(runId)}`,
          order_by: [{ field_name: "creation_timestamp", ascending: false }],
          max_results: 100,
          ...pageToken === void 0 ? {} : { page_token: pageToken }
        },
        loggedModelsAnswer
      );
      for (const { info } of answer.models ?? []) {
        if (info.source_run_id !== void 0 && info.source_run_id !== runId) continue;
        if (info.status !== void 0 && info.status !== "LOGGED_MODEL_READY") continue;
        models.push({ modelId: info.model_id, name: info.name ?? "", uri: `models:/${info.model_id}` });
      }
      pageToken = answer.next_page_token || void 0;
    } while (pageToken !== void 0);
    return models;
  }
  async uploadArtifact(run, artifactPath, content, size) {
    const root = this.proxiedArtifactRoot(run);
    const segments = artifactPath.split("/");
    if (segments.some((segment) => segment === "" || segment === "." || segment === ".." || /[\\#]/.test(segment))) {
      throw this.http.error(`artifact path "${artifactPath}" must be relative, "/"-separated, without empty, "." or ".." parts, "\\" or "#"`, "INVALID_PARAMETER_VALUE");
    }
    const path = `${ARTIFACTS_API}/${[...root, ...segments].map(encodeURIComponent).join("/")}`;
    let body;
    if (content instanceof Uint8Array) {
      body = content;
    } else if (size <= BUFFERED_UPLOAD_BYTES) {
      body = await collect(content);
    } else {
      body = ReadableStream.from(content);
    }
    if (body instanceof Uint8Array && body.byteLength !== size) {
      throw this.http.error(`artifact "${artifactPath}" holds ${body.byteLength} bytes, not the ${size} expected`, "INVALID_PARAMETER_VALUE");
    }
    await this.http.request({ method: "PUT", path, body, schema: anything, timeoutMs: Math.max(6e4, 6e4 + size / 1e3) });
  }
  /** The segments of the run's artifact root below mlflow-artifacts:/ (`1/<run>/artifacts`). */
  proxiedArtifactRoot(run) {
    const match = /^mlflow-artifacts:(?:\/\/([^/]*))?(\/.*)?$/.exec(run.artifactUri);
    if (match === null || (match[1] ?? "") !== "") {
      throw this.http.error(
        `MLflow at ${this.uri}: the run ${run.runId} keeps its artifacts at ${run.artifactUri.split(":")[0]}:..., not behind the tracking server: the server must serve artifacts (mlflow server --serve-artifacts, with experiments whose artifact location is mlflow-artifacts:/)`,
        "ARTIFACTS_NOT_PROXIED"
      );
    }
    return (match[2] ?? "").split("/").filter((segment) => segment !== "").map((segment) => decodeURIComponent(segment));
  }
  async ensureRegisteredModel(name) {
    try {
      await this.post("registered-models/create", { name }, anything);
    } catch (error) {
      if (!isCode(error, "RESOURCE_ALREADY_EXISTS")) throw error;
    }
  }
  async modelVersions(name) {
    const found = [];
    let pageToken;
    do {
      const answer = await this.get(
        "model-versions/search",
        { filter: `name = ${filterString(name)}`, max_results: 1e3, order_by: ["version_number DESC"], page_token: pageToken },
        modelVersionsAnswer
      );
      found.push(...(answer.model_versions ?? []).filter((version) => version.name === name));
      pageToken = answer.next_page_token || void 0;
    } while (pageToken !== void 0);
    if (found.length === 0) return [];
    const aliases = /* @__PURE__ */ new Map();
    const model = await this.get("registered-models/get", { name }, registeredModelAnswer);
    for (const { alias, version } of model.registered_model.aliases ?? []) aliases.set(version, [...aliases.get(version) ?? [], alias]);
    return found.map((version) => registeredVersion({ ...version, aliases: aliases.get(version.version) ?? version.aliases })).sort((a, b) => Number(b.version) - Number(a.version));
  }
  /**
   * Creates the version (`model_id` is taken from a `models:/<model_id>` source when not given:
   * the server requires it for such sources) and waits while it is PENDING_REGISTRATION.
   */
  async createModelVersion(request) {
    const modelId = request.modelId ?? /^models:\/(m-[^/]+)$/.exec(request.source)?.[1];
    const created = await this.post(
      "model-versions/create",
      { name: request.name, source: request.source, run_id: request.runId, tags: keyValues(request.tags), ...modelId === void 0 ? {} : { model_id: modelId } },
      modelVersionAnswer
    );
    let version = created.model_version;
    const deadline = Date.now() + this.readyTimeoutMs;
    while (version.status === "PENDING_REGISTRATION") {
      if (Date.now() >= deadline) {
        throw this.http.error(`MLflow at ${this.uri}: version ${version.version} of "${request.name}" is still PENDING_REGISTRATION after ${Math.round(this.readyTimeoutMs / 1e3)} s`, "PENDING_REGISTRATION");
      }
      await this.sleep(this.pollMs);
      version = (await this.get("model-versions/get", { name: request.name, version: version.version }, modelVersionAnswer)).model_version;
    }
    if (version.status !== void 0 && version.status !== "READY") {
      const why = version.status_message ? `: ${version.status_message.replace(/\s+/g, " ").slice(0, 300)}` : "";
      throw this.http.error(`MLflow at ${this.uri}: version ${version.version} of "${request.name}" is ${version.status}${why}`, version.status);
    }
    return registeredVersion(version);
  }
  async setModelVersionTag(name, version, key, value) {
    await this.post("model-versions/set-tag", { name, version, key, value }, anything);
  }
  async alias(name, alias) {
    try {
      const answer = await this.get("registered-models/alias", { name, alias }, modelVersionAnswer);
      return answer.model_version.version;
    } catch (error) {
      if (!(error instanceof TrackingServerError)) throw error;
      if (error.code === "RESOURCE_DOES_NOT_EXIST" || error.code === "404") return void 0;
      if (error.code === "INVALID_PARAMETER_VALUE" && /alias .* not found/i.test(error.message)) return void 0;
      throw error;
    }
  }
  async setAlias(name, alias, version) {
    await this.post("registered-models/alias", { name, alias, version }, anything);
  }
  async deleteAlias(name, alias) {
    await this.http.request({ method: "DELETE", path: `${API}/registered-models/alias`, json: { name, alias }, schema: anything });
  }
  get(endpoint, query, schema) {
    return this.http.request({ method: "GET", path: `${API}/${endpoint}`, query, schema });
  }
  post(endpoint, json, schema) {
    return this.http.request({ method: "POST", path: `${API}/${endpoint}`, json, schema });
  }
};
function isCode(error, code) {
  return error instanceof TrackingServerError && error.code === code;
}
__name(isCode, "isCode");
function keyValues(record2) {
  return Object.entries(record2).map(([key, value]) => ({ key, value }));
}
__name(keyValues, "keyValues");
function record(list) {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, value ?? ""]));
}
__name(record, "record");
function metricJson(value) {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  return value;
}
__name(metricJson, "metricJson");
function metricNumber(value) {
  return typeof value === "number" ? value : Number(value);
}
__name(metricNumber, "metricNumber");
function trackedRun(run) {
  const latest = /* @__PURE__ */ new Map();
  for (const metric of run.data?.metrics ?? []) {
    const candidate = { value: metricNumber(metric.value), step: Number(metric.step ?? 0), timestamp: Number(metric.timestamp ?? 0) };
    const current = latest.get(metric.key);
    if (current === void 0 || candidate.step > current.step || candidate.step === current.step && candidate.timestamp >= current.timestamp) {
      latest.set(metric.key, candidate);
    }
  }
  return {
    runId: run.info.run_id,
    experimentId: run.info.experiment_id,
    status: run.info.status,
    artifactUri: run.info.artifact_uri ?? "",
    metrics: Object.fromEntries([...latest].map(([key, { value }]) => [key, value])),
    tags: record(run.data?.tags)
  };
}
__name(trackedRun, "trackedRun");
function registeredVersion(version) {
  return {
    name: version.name,
    version: version.version,
    runId: version.run_id || null,
    source: version.source ?? "",
    status: version.status ?? "",
    tags: record(version.tags),
    aliases: version.aliases ?? []
  };
}
__name(registeredVersion, "registeredVersion");
function splitBatch(metrics, tagList) {
  const calls = [];
  let m = 0;
  let t = 0;
  while (m < metrics.length || t < tagList.length) {
    const callTags = tagList.slice(t, t + LOG_BATCH_LIMITS.tags);
    t += callTags.length;
    const room = Math.min(LOG_BATCH_LIMITS.metrics, LOG_BATCH_LIMITS.total - callTags.length);
    const callMetrics = metrics.slice(m, m + room);
    m += callMetrics.length;
    calls.push({ metrics: callMetrics, tags: callTags });
  }
  return calls;
}
__name(splitBatch, "splitBatch");
function filterString(value) {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new TrackingServerError(`MLflow's search filters cannot hold a value with both ' and ": ${JSON.stringify(value.slice(0, 100))}`, "INVALID_PARAMETER_VALUE");
}
__name(filterString, "filterString");
async function collect(content) {
  const chunks = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}
__name(collect, "collect");

// src/adapters/mlflow/connect.ts
function connectTrackingServer(options) {
  const uri = trackingUri(options.uri);
  const { headers, secrets } = authFromEnv(options.env);
  const http = new MlflowHttp({ uri, headers, secrets, retryDelaysMs: options.retryDelaysMs, timeoutMs: options.timeoutMs, sleep: options.sleep });
  return new MlflowTrackingServer(http, options);
}
__name(connectTrackingServer, "connectTrackingServer");
function invalidUri(message) {
  return new TrackingServerError(message, "INVALID_TRACKING_URI");
}
__name(invalidUri, "invalidUri");
function trackingUri(raw) {
  const text = raw.trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw invalidUri(`the MLflow tracking URI must be an http(s) URL, not ${JSON.stringify(text.replace(/\/\/[^/@]*@/, "//***@"))}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw invalidUri("the MLflow tracking URI holds credentials: remove them from it and set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN) instead");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalidUri(`the MLflow tracking URI must be an http(s) URL: model-ci talks to a tracking server, not to ${url.protocol}`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw invalidUri(`the MLflow tracking URI must not have a query or fragment: ${url.origin}${url.pathname}`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
__name(trackingUri, "trackingUri");
function authFromEnv(env) {
  const token = env.MLFLOW_TRACKING_TOKEN;
  if (token) return { headers: { authorization: `Bearer ${token}` }, secrets: [token] };
  const username = env.MLFLOW_TRACKING_USERNAME;
  const password = env.MLFLOW_TRACKING_PASSWORD;
  if (username && password) {
    const basic = Buffer.from(`${username}:${password}`).toString("base64");
    return { headers: { authorization: `Basic ${basic}` }, secrets: [password, basic] };
  }
  return { headers: {}, secrets: [] };
}
__name(authFromEnv, "authFromEnv");
function trackingConnector(env) {
  return (configuredUri) => {
    const uri = configuredUri ?? (env.MLFLOW_TRACKING_URI || void 0);
    if (uri === void 0) {
      throw new TrackingServerError("no tracking server: set MLFLOW_TRACKING_URI in the job (a secret) or mlflow.tracking-uri in model-ci.yml", NO_TRACKING_SERVER);
    }
    return connectTrackingServer({ uri, env });
  };
}
__name(trackingConnector, "trackingConnector");

export {
  trackingConnector
};
