"use client";

import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { DATE_FORMAT_EXAMPLES, DATE_FORMATS, type DateFormat } from "@/lib/import/dates";
import { describeReason, SUGGESTION_THRESHOLD } from "@/lib/import/mapping";
import { DEFAULT_NUMBER_FORMAT, NUMBER_FORMAT_LABELS, NUMBER_FORMATS, type NumberFormat } from "@/lib/import/numbers";
import type { SetupColumn, TargetOption } from "@/lib/import/setup";
import { propertyName, propertyTarget, type ImportType } from "@/lib/import/targets";

/** The choice for one column: a target key ("" = not imported) and, for dates and numbers, the format. */
export interface ColumnState {
  target: string;
  dateFormat?: DateFormat;
  numberFormat?: NumberFormat;
}

/** The state of a column mapped to a target: the formats detected in its values. */
export function columnState(column: SetupColumn, target: string): ColumnState {
  return { target, dateFormat: column.dates?.format, ...(column.numbers ? { numberFormat: column.numbers.format } : {}) };
}

/** The picker value that opens "New custom field". */
export const NEW_FIELD = "__new_field__";

/** The target option of a key, made up for event properties. */
export function targetOf(targets: readonly TargetOption[], key: string): TargetOption | undefined {
  const found = targets.find((t) => t.key === key);
  if (found) return found;
  const property = propertyName(key);
  return property ? { key, label: `Property “${property}”`, type: "text", group: "Event" } : undefined;
}

function groups(targets: readonly TargetOption[]): [string, TargetOption[]][] {
  const map = new Map<string, TargetOption[]>();
  for (const t of targets) (map.get(t.group) ?? map.set(t.group, []).get(t.group)!).push(t);
  return [...map];
}

function DateFormatPicker({ column, state, onChange }: { column: SetupColumn; state: ColumnState; onChange: (format: DateFormat) => void }) {
  const id = `date-format-${column.index}`;
  const ambiguous = column.dates?.ambiguous ? column.dates.candidates : null;
  return (
    <div className="mt-2 space-y-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Dates written as
      </label>
      <Select id={id} controlSize="sm" value={state.dateFormat ?? "YYYY-MM-DD"} onChange={(e) => onChange(e.target.value as DateFormat)}>
        {DATE_FORMATS.map((f) => (
          <option key={f} value={f}>
            {f} ({DATE_FORMAT_EXAMPLES[f]})
          </option>
        ))}
      </Select>
      {ambiguous ? (
        <p className="text-xs text-amber-700">Ambiguous: the values fit {ambiguous.join(" and ")}. Check the preview and pick the right one.</p>
      ) : column.dates ? (
        <p className="text-xs text-slate-500">Detected from the file.</p>
      ) : null}
    </div>
  );
}

function NumberFormatPicker({ column, state, onChange }: { column: SetupColumn; state: ColumnState; onChange: (format: NumberFormat) => void }) {
  const id = `number-format-${column.index}`;
  const format = state.numberFormat ?? DEFAULT_NUMBER_FORMAT;
  const unclear = column.numbers?.unclear ?? 0;
  return (
    <div className="mt-2 space-y-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Numbers written as
      </label>
      <Select id={id} controlSize="sm" value={format} onChange={(e) => onChange(e.target.value as NumberFormat)}>
        {NUMBER_FORMATS.map((f) => (
          <option key={f} value={f}>
            {NUMBER_FORMAT_LABELS[f]}
          </option>
        ))}
      </Select>
      {format === "ask" ? (
        <p className="text-xs text-amber-700">
          {column.numbers && column.numbers.comma > 0 ? "Some values use “,” for decimals. " : "The values use both “,” and “.” the same way. "}
          {unclear > 0 ? "Values such as “1,500” could be read two ways: choose the format, or those rows are skipped with a question." : "Choose the format to be sure."}
        </p>
      ) : (
        <p className="text-xs text-slate-500">Thousands separators and spaces are fine: {format === "." ? "54,700 and 54 700 are 54700" : "54.700 and 54 700 are 54700"}.</p>
      )}
    </div>
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// Why a column got its target, or why it got none: shown under the picker.
function MatchHint({ column, target }: { column: SetupColumn; target: string }) {
  if (target !== "" && target === column.proposal && column.reason) {
    return <p className="mt-1 text-xs text-slate-500">Suggested: {lowerFirst(describeReason(column.reason))}.</p>;
  }
  if (target !== "") return null;
  if (column.nearest) {
    return (
      <p className="mt-1 text-xs text-slate-500">
        Not mapped: the closest field, {column.nearest.label}, is {Math.round(column.nearest.score * 100)}% alike and suggestions need {Math.round(SUGGESTION_THRESHOLD * 100)}%. Choose it if it is right.
      </p>
    );
  }
  return <p className="mt-1 text-xs text-slate-500">Not mapped: no field has a name like this one.</p>;
}

/** The mapping table: one row per file column with example values, its target picker and, for dates, the format. */
export function ColumnMappingTable({
  type,
  columns,
  targets,
  state,
  canCreateFields,
  onChange,
}: {
  type: ImportType;
  columns: readonly SetupColumn[];
  targets: readonly TargetOption[];
  state: Readonly<Record<number, ColumnState>>;
  canCreateFields: boolean;
  onChange: (index: number, next: ColumnState | typeof NEW_FIELD) => void;
}) {
  const grouped = groups(targets);
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <div>
          <CardTitle>Columns</CardTitle>
          <CardDescription>Each column of the file and where it goes. Suggestions come from the column names, each with its reason; change any of them, or leave a column out. Your choices are saved as you go.</CardDescription>
        </div>
      </CardHeader>
      <Table>
        <caption className="sr-only">Column mapping</caption>
        <THead>
          <tr>
            <TH>Column in the file</TH>
            <TH className="hidden md:table-cell">Example values</TH>
            <TH>Import as</TH>
          </tr>
        </THead>
        <TBody>
          {columns.map((column) => {
            const current = state[column.index] ?? { target: "" };
            const target = current.target ? targetOf(targets, current.target) : undefined;
            const header = column.header || `Column ${column.index + 1}`;
            const property = type === "events" ? propertyTarget(header) : null;
            return (
              <TR key={column.index}>
                <TD className="align-top font-medium text-slate-900">{header}</TD>
                <TD className="hidden max-w-64 align-top text-xs text-slate-500 md:table-cell">
                  {column.examples.length > 0 ? column.examples.map((e) => <span key={e} className="block truncate">{e}</span>) : <span>(empty)</span>}
                </TD>
                <TD className="min-w-56 align-top">
                  <Select
                    aria-label={`Import “${header}” as`}
                    controlSize="sm"
                    value={current.target}
                    onChange={(e) => onChange(column.index, e.target.value === NEW_FIELD ? NEW_FIELD : columnState(column, e.target.value))}
                  >
                    <option value="">Don’t import</option>
                    {grouped.map(([group, options]) => (
                      <optgroup key={group} label={group}>
                        {options.map((t) => (
                          <option key={t.key} value={t.key}>
                            {t.label}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                    {property && !targets.some((t) => t.key === property) && <option value={property}>Event property “{propertyName(property)}”</option>}
                    {canCreateFields && <option value={NEW_FIELD}>New custom field…</option>}
                  </Select>
                  <MatchHint column={column} target={current.target} />
                  {target?.description && <p className="mt-1 text-xs text-slate-500">{target.description}</p>}
                  {target && (target.type === "date" || target.type === "datetime") && (
                    <DateFormatPicker column={column} state={current} onChange={(dateFormat) => onChange(column.index, { ...current, dateFormat })} />
                  )}
                  {target && (target.type === "number" || target.type === "money") && (
                    <NumberFormatPicker column={column} state={current} onChange={(numberFormat) => onChange(column.index, { ...current, numberFormat })} />
                  )}
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
    </Card>
  );
}
