import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  escapeControlCharacters
} from "./chunk-MBAQQDDT.js";
import {
  __name
} from "./chunk-752PIHHL.js";

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
var MAX_MESSAGE_LENGTH = 300;
function describeValidationError(detail) {
  if (typeof detail === "string") return detail;
  if (typeof detail !== "object" || detail === null) return "";
  const { field, code, message } = detail;
  return [field, code, message].filter((part) => typeof part === "string" && part !== "").join(" ");
}
__name(describeValidationError, "describeValidationError");

export {
  requestStatus,
  isNotFound,
  gitHubMessage
};
