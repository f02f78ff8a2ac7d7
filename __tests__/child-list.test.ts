import { Construct } from "constructs";
import { cacheChildren } from "../lib/stacks/child-list";

describe("cacheChildren", () => {
  test("lists children added and removed after the first listing", () => {
    // GIVEN
    const root = new Construct(undefined as unknown as Construct, "");
    cacheChildren(root.node);
    const first = new Construct(root, "first");
    expect(root.node.children).toEqual([first]);

    // WHEN
    const second = new Construct(root, "second");
    root.node.tryRemoveChild("first");

    // THEN
    expect(root.node.children).toEqual([second]);
  });

  test("gives every caller its own copy", () => {
    // GIVEN
    const root = new Construct(undefined as unknown as Construct, "");
    cacheChildren(root.node);
    new Construct(root, "only");

    // WHEN
    root.node.children.pop();

    // THEN
    expect(root.node.children.map((c) => c.node.id)).toEqual(["only"]);
  });
});
