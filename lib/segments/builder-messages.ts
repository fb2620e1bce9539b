/**
 * The rule builder's error messages in a marketer's words. The definition parser reports issues by path for
 * the API and the command line ("root.children[1].window.amount: is required"); the builder shows each at its
 * condition as one plain sentence, once. Client-safe and pure.
 */
import type { NodeError } from "./builder-tree";

type Rule = { part: RegExp; message: RegExp; text: string | ((part: string, message: string) => string) };

const filterNumber = (part: string) => Number(/where\[(\d+)\]/.exec(part)?.[1] ?? 0) + 1;

/** First match wins: the part of the node (e.g. "window.amount") and the parser's message. */
const RULES: readonly Rule[] = [
  { part: /^field$/, message: /unknown field/, text: "That field no longer exists. Choose another one." },
  { part: /^field$/, message: /./, text: "Choose a field." },
  { part: /^operator$/, message: /required/, text: "Choose how to compare." },
  { part: /^segmentId$/, message: /cycle/, text: "This would make the segment depend on itself. Pick a different segment." },
  { part: /^segmentId$/, message: /unknown segment/, text: "That segment no longer exists. Pick another one." },
  { part: /^segmentId$/, message: /is invalid|in segment/, text: "That segment's own rules have a problem. Open it and fix it first." },
  { part: /^segmentId$/, message: /./, text: "Choose a segment." },
  { part: /^name$/, message: /./, text: "Enter the event's name, e.g. email_opened." },
  { part: /^children$/, message: /./, text: "Add a condition to this group, or remove the group." },
  { part: /^window\.(to|from)$/, message: /must not be before/, text: "The end date must not be before the start date." },
  { part: /^window\.(to|from)$/, message: /real date/, text: "Enter a real date." },
  { part: /^window\.(to|from)$/, message: /./, text: "Pick both dates of the period." },
  { part: /^(window|value)\.amount$/, message: /at least 1/, text: "The period must be at least 1 day long." },
  { part: /^(window|value)\.amount$/, message: /at most (\d+)/, text: (_p, m) => `The period can be at most ${/at most (\d+)/.exec(m)![1]} days, weeks or months.` },
  { part: /^(window|value)(\.amount|\.unit)?$/, message: /required|whole number|amount/, text: "Enter how many days, weeks or months." },
  { part: /^filter\.categories/, message: /./, text: "Add at least one category, or clear the category filter." },
  { part: /^filter\.status/, message: /./, text: "Tick at least one order status." },
  { part: /^where\[\d+\]\.property$/, message: /./, text: (p) => `Enter the property name of filter ${filterNumber(p)}.` },
  { part: /^where\[\d+\]\.value$/, message: /./, text: (p) => `Enter a value for property filter ${filterNumber(p)}.` },
  { part: /^value/, message: /RFM segment/, text: "Pick at least one RFM group." },
  { part: /^value/, message: /low must not be greater than high/, text: "The first value must not be greater than the second." },
  { part: /^value\[[01]\]$/, message: /required|must be/, text: "Enter both ends of the range." },
  { part: /^value/, message: /at least one value/, text: "Pick or type at least one value." },
  { part: /^value/, message: /use is_empty/, text: 'Enter a value, or choose "is empty".' },
  { part: /^value/, message: /required|needs a value/, text: "Enter a value." },
  { part: /^value/, message: /decimal places/, text: "Use at most 2 decimals for an amount of money." },
  { part: /^value/, message: /whole number|a count/, text: "Enter a whole number." },
  { part: /^value/, message: /must not be negative/, text: "Enter zero or more." },
  { part: /^value/, message: /must be a number|an amount/, text: "Enter a number." },
  { part: /^value/, message: /real date/, text: "Enter a real date." },
  { part: /^value/, message: /at most \d+ characters/, text: (_p, m) => `Keep it to ${/at most (\d+)/.exec(m)![1]} characters.` },
  { part: /^value/, message: /at most (-?\d+)/, text: (_p, m) => `Enter at most ${Number(/at most (-?\d+)/.exec(m)![1]).toLocaleString("en-US")}.` },
  { part: /^value/, message: /at least (-?\d+)/, text: (_p, m) => `Enter at least ${Number(/at least (-?\d+)/.exec(m)![1]).toLocaleString("en-US")}.` },
  { part: /^value/, message: /at most \d+ values/, text: "That is too many values for one condition; split it in two." },
  { part: /^$/, message: /groups nest at most/, text: "Groups can only be nested 5 levels deep." },
  { part: /^$/, message: /at most \d+ nodes/, text: "This segment has too many conditions. Remove some, or reuse a saved segment." },
];

/** One builder error as a sentence for the person editing. */
export function builderMessage(error: NodeError): string {
  for (const rule of RULES) {
    if (rule.part.test(error.part) && rule.message.test(error.message)) {
      return typeof rule.text === "string" ? rule.text : rule.text(error.part, error.message);
    }
  }
  const text = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A node's errors as sentences, each said once. */
export function builderMessages(errors: readonly NodeError[] | undefined): string[] {
  const texts = [...new Set((errors ?? []).map(builderMessage))];
  // Without a field there is nothing to compare yet: one message is enough.
  return texts.includes("Choose a field.") ? ["Choose a field."] : texts;
}
