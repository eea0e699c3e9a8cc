// Route templates as the Functions host reads them.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compileRoute, matchRoute } from "../../devhost/src/http/routeTemplate.js";

const match = (template: string, path: string): Record<string, string> | undefined => matchRoute(compileRoute(template, "test"), path);

void describe("route templates", () => {
  void it("binds named, optional, constrained and catch-all parameters", () => {
    assert.deepEqual(match("users/{id}", "users/42"), { id: "42" });
    assert.deepEqual(match("users/{id}/{tab?}", "users/42"), { id: "42" });
    assert.deepEqual(match("users/{id}/{tab?}", "users/42/posts"), { id: "42", tab: "posts" });
    assert.deepEqual(match("items/{n:int}", "items/-7"), { n: "-7" });
    assert.equal(match("items/{n:int}", "items/seven"), undefined);
    assert.deepEqual(match("files/{*rest}", "files/a/b/c.txt"), { rest: "a/b/c.txt" });
    assert.deepEqual(match("files/{*rest}", "files"), {});
    assert.deepEqual(match("docs/{name}.{ext}", "docs/readme.md"), { name: "readme", ext: "md" });
  });

  void it("matches case-insensitively, decodes values and rejects extra segments", () => {
    assert.deepEqual(match("Users/{id}", "users/a%20b"), { id: "a b" });
    assert.equal(match("users/{id}", "users/1/2"), undefined);
  });

  void it("ranks literal routes above parameter routes and catch-alls last", () => {
    const literal = compileRoute("echo/literal", "t").rank;
    const param = compileRoute("echo/{id}", "t").rank;
    const catchAll = compileRoute("echo/{*rest}", "t").rank;
    assert.ok(literal > param && param > catchAll);
  });

  void it("rejects malformed templates", () => {
    assert.throws(() => compileRoute("a/{id", "Function 'x'"), /unbalanced braces/);
    assert.throws(() => compileRoute("a/{1bad}", "Function 'x'"), /bad route parameter/);
  });
});

void describe("route precedence", () => {
  void it("a literal route outranks a catch-all under the same prefix for the prefix itself", () => {
    const literal = compileRoute("docs", "test");
    const catchAll = compileRoute("docs/{*asset}", "test");
    assert.ok(matchRoute(catchAll, "docs"), "the catch-all also matches the bare prefix");
    assert.ok(literal.rank > catchAll.rank, `docs ${literal.rank} vs docs/{*asset} ${catchAll.rank}`);
  });

  void it("keeps literal over parameter over catch-all at the same depth", () => {
    const ranks = ["syncs/list", "syncs/{id}", "syncs/{*rest}"].map((t) => compileRoute(t, "test").rank);
    assert.deepEqual([...ranks].sort((a, b) => b - a), ranks);
  });
});
