import { describe, expect, it } from "vitest";
import { byCodeUnits, compareCodeUnits } from "../../src/model/order.js";

describe("code-unit order", () => {
  it("sorts by UTF-16 code units, not by locale: capitals first, accents and astral characters last", () => {
    const words = ["é", "b", "a", "B", "😀", "z", "A", "ab", ""];
    expect([...words].sort(compareCodeUnits)).toEqual([
      "",
      "A",
      "B",
      "a",
      "ab",
      "b",
      "z",
      "é",
      "😀",
    ]);
  });

  it("orders items by a key, keeping equal keys as equal", () => {
    const items = [
      { k: "b", n: 1 },
      { k: "a", n: 2 },
      { k: "b", n: 3 },
    ];
    expect([...items].sort(byCodeUnits((item) => item.k)).map((item) => item.n)).toEqual([2, 1, 3]);
    expect(byCodeUnits((item: { k: string }) => item.k)({ k: "x" }, { k: "x" })).toBe(0);
  });
});
