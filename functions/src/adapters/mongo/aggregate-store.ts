import type { Collection, Db, Document, Filter } from "mongodb";
import { z } from "zod";
import type { Aggregate } from "../../domain/aggregate.js";
import { AppError } from "../../domain/app-error.js";
import type { AggregateStore } from "../../ports/aggregate-store.js";
import { currentTraceparent } from "../trace-context.js";
import { classified } from "./errors.js";
import { parseDocument } from "./parse-document.js";

/** An aggregate as stored: its fields as they are, its id as `_id`, and the outbox its writes append events to. */
export type AggregateDocument = Document & { _id: string; outbox?: unknown[] };

/** One collection of one aggregate, and the single codec between the two shapes. */
export interface AggregateCollection<A extends Aggregate> {
  readonly name: string;
  readonly collection: Collection<AggregateDocument>;
  toDocument(aggregate: A): Promise<AggregateDocument>;
  /** Parses what was read with the aggregate's own schema: a document that does not match is corrupt, never trusted. */
  fromDocument(document: unknown): Promise<A>;
}

/**
 * Where a collection stores some field differently on purpose; each use says why. A form may be
 * asynchronous (a field stored encrypted); `id` is the aggregate's, for a form that binds a field
 * to its document.
 */
export interface StoredForm {
  toStored(fields: Document, id: string): Document | Promise<Document>;
  fromStored(fields: Document, id: string): Document | Promise<Document>;
}

const asIs: StoredForm = { toStored: (fields) => fields, fromStored: (fields) => fields };

const StoredId = z.looseObject({ _id: z.string() });

export function aggregateCollection<A extends Aggregate>(db: Db, name: string, schema: z.ZodType<A>, form: StoredForm = asIs): AggregateCollection<A> {
  return {
    name,
    collection: db.collection<AggregateDocument>(name),
    toDocument: async ({ id, ...fields }) => ({ _id: id, ...(await form.toStored(fields, id)) }),
    // The schema strips what is not a field of the aggregate, the outbox included.
    fromDocument: async (document) => {
      const { _id, ...fields } = parseDocument(StoredId, name, document);
      return parseDocument(schema, name, { ...(await form.fromStored(fields, _id)), id: _id }, _id);
    },
  };
}

export interface StoreOptions<A> {
  /**
   * Fields that `save` never writes because the repository moves them with atomic operators of
   * their own (a counter, a last-used time): a save decided on an older read must not undo them.
   */
  atomicFields?: readonly (keyof A & string)[];
}

/** `findById`, `insert` and the optimistic `save`, the same for every aggregate. */
export function mongoAggregateStore<A extends Aggregate>(stored: AggregateCollection<A>, options: StoreOptions<A> = {}): AggregateStore<A> {
  const { collection } = stored;
  const atomicFields = new Set<string>(options.atomicFields ?? []);
  return {
    findById: (id) =>
      classified(async () => {
        const document = await collection.findOne({ _id: id });
        return document && stored.fromDocument(document);
      }),

    insert: (aggregate, events = []) =>
      classified(async () => {
        await collection.insertOne({ ...(await stored.toDocument(aggregate)), outbox: events.map(inCurrentTrace) });
      }),

    // The version in the filter makes the save a compare-and-set on everything the change was
    // decided on; the events ride in the same single-document update, so they land with it or not at all.
    save: (next, expectedVersion, events = []) =>
      classified(async () => {
        const { _id, ...fields } = await stored.toDocument({ ...next, version: expectedVersion + 1 });
        const settable = Object.fromEntries(Object.entries(fields).filter(([field]) => !atomicFields.has(field)));
        const update: Document = events.length > 0 ? { $set: settable, $push: { outbox: { $each: events.map(inCurrentTrace) } } } : { $set: settable };
        const updated = await collection.findOneAndUpdate({ _id, version: expectedVersion }, update, { returnDocument: "after" });
        if (!updated) throw staleWrite(stored.name);
        return stored.fromDocument(updated);
      }),
  };
}

/**
 * An event as its outbox keeps it: stamped with the trace of the work that wrote it (CloudEvents'
 * distributed-tracing `traceparent`), so its subscribers, and the tasks they enqueue, log under
 * the request that caused it. An event stamped already keeps its trace.
 */
function inCurrentTrace<E extends object>(event: E): E {
  const traceparent = currentTraceparent();
  return traceparent && !("traceparent" in event) ? { ...event, traceparent } : event;
}

const staleWrite = (collection: string) =>
  new AppError("conflict", "this record changed while the request was handled; try again", undefined, { cause: new Error(`stale save in ${collection}`) });

/** The aggregate matching `filter`, parsed; null when none does. For lookups by a unique key. */
export const findOneWhere = <A extends Aggregate>(stored: AggregateCollection<A>, filter: Filter<AggregateDocument>): Promise<A | null> =>
  classified(async () => {
    const document = await stored.collection.findOne(filter);
    return document && stored.fromDocument(document);
  });

/** Every aggregate matching `filter`, parsed, oldest first. For short lists only: it is not paged. */
export const findAllWhere = <A extends Aggregate>(stored: AggregateCollection<A>, filter: Filter<AggregateDocument>): Promise<A[]> =>
  classified(async () => {
    const documents = await stored.collection.find(filter).sort({ createdAt: 1, _id: 1 }).toArray();
    return Promise.all(documents.map(stored.fromDocument));
  });
