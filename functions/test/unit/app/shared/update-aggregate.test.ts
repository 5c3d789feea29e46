import { describe, expect, it } from "vitest";
import { insertIfAbsent, updateAggregate } from "../../../../src/app/shared/update-aggregate.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { InMemoryAggregateStore } from "../../support/in-memory-repositories.js";

interface Counter {
  id: string;
  value: number;
  version: number;
}

const counter = (value = 0): Counter => ({ id: "cnt_1", value, version: 1 });
const increment = (current: Counter) => ({ next: { ...current, value: current.value + 1 } });

describe("updateAggregate", () => {
  it("saves the decided change as the next version", async () => {
    const store = new InMemoryAggregateStore<Counter>();
    await store.insert(counter());
    expect(await updateAggregate(store, "cnt_1", increment)).toEqual({ id: "cnt_1", value: 1, version: 2 });
    expect(await store.findById("cnt_1")).toEqual({ id: "cnt_1", value: 1, version: 2 });
  });

  it("saves nothing when the decision is that nothing changes", async () => {
    const store = new InMemoryAggregateStore<Counter>();
    await store.insert(counter(5));
    expect(await updateAggregate(store, "cnt_1", () => null)).toEqual(counter(5));
    expect(await store.findById("cnt_1")).toEqual(counter(5));
  });

  it("answers null for an aggregate that does not exist, deciding nothing", async () => {
    const store = new InMemoryAggregateStore<Counter>();
    let decided = false;
    expect(await updateAggregate(store, "cnt_1", (c) => ((decided = true), increment(c)))).toBeNull();
    expect(decided).toBe(false);
  });

  it("decides again on a fresh read when another write lands first, losing neither", async () => {
    const store = new InMemoryAggregateStore<Counter>();
    await store.insert(counter());
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, () =>
        updateAggregate(store, "cnt_1", (current) => {
          seen.push(current.value);
          return increment(current);
        }),
      ),
    );
    expect(await store.findById("cnt_1")).toEqual({ id: "cnt_1", value: 5, version: 6 });
    expect(seen.length).toBeGreaterThan(5);
  });

  it("gives up with conflict after the attempts it was allowed", async () => {
    const store = new InMemoryAggregateStore<Counter>();
    await store.insert(counter());
    // Every decision is overtaken by another write before it is saved.
    let decisions = 0;
    const overtaken = (current: Counter) => {
      decisions += 1;
      void store.save({ ...current, value: -1 }, current.version);
      return increment(current);
    };
    await expect(updateAggregate(store, "cnt_1", overtaken, { attempts: 3 })).rejects.toMatchObject({ code: "conflict" });
    expect(decisions).toBe(3);
  });

  it("passes on any error that is not a conflict, at once", async () => {
    const store = new InMemoryAggregateStore<Counter>();
    await store.insert(counter());
    let calls = 0;
    const refuse = () => {
      calls += 1;
      throw new AppError("invalid_state", "no");
    };
    await expect(updateAggregate(store, "cnt_1", refuse)).rejects.toMatchObject({ code: "invalid_state" });
    expect(calls).toBe(1);
  });
});

describe("insertIfAbsent", () => {
  it("inserts once and reports a second insert of the same id as absent no more", async () => {
    const store = new InMemoryAggregateStore<Counter>();
    expect(await insertIfAbsent(store, counter())).toBe(true);
    expect(await insertIfAbsent(store, counter(9))).toBe(false);
    expect(await store.findById("cnt_1")).toEqual(counter());
  });
});
