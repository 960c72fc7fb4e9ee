import { createRequire as __mcCreateRequire } from 'node:module';
const require = __mcCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-56XKJLMR.js";

// src/core/report/format.ts
var ABSENT = "\u2014";
var VALUE_DIGITS = 4;
var MAX_DIGITS = 12;
var CHANGE_DIGITS = 3;
function formatValue(value, digits = VALUE_DIGITS) {
  const size = Math.abs(value);
  if (Number.isInteger(value) && size < 1e15) return String(value);
  if (size >= 10 ** digits && size < 1e15) return String(Math.round(value));
  if (size !== 0 && (size < 1e-4 || size >= 1e15)) return trimExponent(value.toExponential(digits - 1));
  const text = value.toPrecision(digits);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
__name(formatValue, "formatValue");
function formatPair(base, head) {
  if (base === null || head === null) return [base === null ? ABSENT : formatValue(base), head === null ? ABSENT : formatValue(head)];
  let digits = VALUE_DIGITS;
  let pair = [formatValue(base, digits), formatValue(head, digits)];
  while (base !== head && pair[0] === pair[1] && digits < MAX_DIGITS) {
    digits++;
    pair = [formatValue(base, digits), formatValue(head, digits)];
  }
  return pair;
}
__name(formatPair, "formatPair");
function formatChange(change) {
  if (change === null) return ABSENT;
  return signed(change, formatValue(change, CHANGE_DIGITS));
}
__name(formatChange, "formatChange");
function formatPercent(percent) {
  if (percent === null) return ABSENT;
  const size = Math.abs(percent);
  const digits = size >= 100 ? String(Math.round(percent)) : size < 1e-6 ? "0" : String(Number(percent.toPrecision(2)));
  return `${signed(percent, digits)}%`;
}
__name(formatPercent, "formatPercent");
function signed(value, text) {
  return value > 0 && text !== "0" ? `+${text}` : text;
}
__name(signed, "signed");
function trimExponent(text) {
  return text.replace(/\.?0+e/, "e").replace("e+", "e");
}
__name(trimExponent, "trimExponent");
function count(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
__name(count, "count");

export {
  formatValue,
  formatPair,
  formatChange,
  formatPercent,
  count
};
