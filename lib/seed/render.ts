/**
 * Renders a range of generated customers to binary COPY data, one buffer per table. Used in
 * the loading process for small runs and inside the seed worker for big ones.
 */
import { ByteWriter } from "./byte-writer";
import { COPY_TABLES, type CopyTable, type TableCounts, writeCopyRows } from "./copy-rows";
import { createGenerator, type GeneratorOptions } from "./generator";

export type RenderRequest = { start: number; count: number };

/** Binary COPY data of customers [start, start + count): `buffers[table]` holds `lengths[table]` bytes. */
export type RenderedChunk = RenderRequest & {
  buffers: Record<CopyTable, Uint8Array>;
  lengths: TableCounts;
  rows: TableCounts;
  renderMs: number;
};

export type RenderOptions = GeneratorOptions & { workspaceId: string };

export type ChunkRenderer = (request: RenderRequest, reuse?: Record<CopyTable, Uint8Array>) => RenderedChunk;

/** A renderer bound to one seed, `now` and workspace; pass the buffers of a finished chunk to reuse them. */
export function createRenderer(options: RenderOptions): ChunkRenderer {
  const generator = createGenerator(options);
  return (request, reuse) => {
    const started = performance.now();
    const writers = {
      Customer: new ByteWriter(reuse?.Customer, 1 << 20),
      Order: new ByteWriter(reuse?.Order, 1 << 21),
      OrderItem: new ByteWriter(reuse?.OrderItem, 1 << 21),
      Event: new ByteWriter(reuse?.Event, 1 << 21),
    };
    for (const table of COPY_TABLES) writers[table].header();
    const end = request.start + request.count;
    // One customer at a time: its objects die young, which keeps the garbage collector cheap.
    const rows = { Customer: 0, Order: 0, OrderItem: 0, Event: 0 };
    for (let index = request.start; index < end; index++) {
      const counts = writeCopyRows(writers, options.workspaceId, [generator.customer(index)], options.now);
      for (const table of COPY_TABLES) rows[table] += counts[table];
    }
    for (const table of COPY_TABLES) writers[table].trailer();
    const buffers = { Customer: writers.Customer.buffer, Order: writers.Order.buffer, OrderItem: writers.OrderItem.buffer, Event: writers.Event.buffer };
    const lengths = { Customer: writers.Customer.length, Order: writers.Order.length, OrderItem: writers.OrderItem.length, Event: writers.Event.length };
    return { ...request, buffers, lengths, rows, renderMs: performance.now() - started };
  };
}
