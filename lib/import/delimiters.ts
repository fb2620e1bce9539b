/** The column delimiters an import reads. Pure: safe in the browser. */

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Names of the delimiters, for messages and pickers. */
export const DELIMITER_LABELS: Readonly<Record<Delimiter, string>> = { ",": "comma", ";": "semicolon", "\t": "tab" };
