// Reads the Bicep under infra/ with the tree-sitter-bicep grammar (no Bicep CLI offline) and offers
// the few tree queries the infra tests share: declarations, decorators, object properties, literals.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Language, Parser } from "web-tree-sitter";
import type { Node } from "web-tree-sitter";

export type { Node };

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const infraDir = join(repoRoot, "infra");

export interface BicepFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  root: Node;
}

const require = createRequire(import.meta.url);
let parser: Promise<Parser> | undefined;

function bicepParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve("tree-sitter-bicep/tree-sitter-bicep.wasm"));
    return new Parser().setLanguage(language);
  })();
  return parser;
}

export async function parseBicep(source: string, path = "<inline>"): Promise<BicepFile> {
  const tree = (await bicepParser()).parse(source);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${path}`);
  return { path, root: tree.rootNode };
}

export function bicepPaths(dir = infraDir): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".bicep"))
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)).replaceAll("\\", "/"))
    .sort();
}

/** Every .bicep file under infra/, keyed by repository-relative path. */
export async function loadInfra(): Promise<Map<string, BicepFile>> {
  const files = new Map<string, BicepFile>();
  for (const path of bicepPaths()) {
    files.set(path, await parseBicep(readFileSync(join(repoRoot, path), "utf8"), path));
  }
  return files;
}

export function getFile(files: Map<string, BicepFile>, path: string): BicepFile {
  const file = files.get(path);
  if (!file) throw new Error(`${path} is missing`);
  return file;
}

/** ERROR and missing nodes, as "path:line:column kind" (empty when the file parses cleanly). */
export function syntaxProblems(file: BicepFile): string[] {
  const problems: string[] = [];
  const visit = (node: Node): void => {
    if (node.type === "ERROR" || node.isMissing) {
      const { row, column } = node.startPosition;
      problems.push(`${file.path}:${row + 1}:${column + 1} ${node.isMissing ? `missing ${node.type}` : "syntax error"}`);
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(file.root);
  return problems;
}

/** Named children that carry meaning (comments are extras and may appear anywhere). */
export function meaningful(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== "comment");
}

export function descendants(node: Node, type: string): Node[] {
  return node.descendantsOfType(type).filter((found): found is Node => found !== null);
}

export function declarations(file: BicepFile, type: string): Node[] {
  return meaningful(file.root).filter((node) => node.type === type);
}

export function nameOf(declaration: Node): string {
  const identifier = meaningful(declaration).find((child) => child.type === "identifier");
  if (!identifier) throw new Error(`no name on ${declaration.type} at line ${declaration.startPosition.row + 1}`);
  return identifier.text;
}

function decoratorCalls(declaration: Node): Node[] {
  let previous = declaration.previousNamedSibling;
  while (previous?.type === "comment") previous = previous.previousNamedSibling;
  if (previous?.type !== "decorators") return [];
  return descendants(previous, "decorator").flatMap((decorator) => meaningful(decorator).slice(0, 1));
}

/** Decorator names (`secure`, `description`, ...) written above a declaration. */
export function decoratorNames(declaration: Node): string[] {
  return decoratorCalls(declaration).map((call) => call.childForFieldName("function")?.text ?? "");
}

/** Arguments of one decorator above a declaration (`@allowed([...])` → the array node). */
export function decoratorArguments(declaration: Node, name: string): Node[] {
  const call = decoratorCalls(declaration).find((candidate) => candidate.childForFieldName("function")?.text === name);
  const args = call?.childForFieldName("arguments");
  return args ? meaningful(args) : [];
}

export interface ParamInfo {
  name: string;
  type: string;
  /** Has a default value or a nullable type: callers may leave it out. */
  optional: boolean;
  decorators: string[];
  node: Node;
}

export function params(file: BicepFile): ParamInfo[] {
  return declarations(file, "parameter_declaration").map((node) => {
    const parts = meaningful(node);
    const typeNode = parts.find((part) => part.type === "type");
    const hasDefault = typeNode !== undefined && parts.indexOf(typeNode) < parts.length - 1;
    const nullable = typeNode !== undefined && descendants(typeNode, "nullable_type").length > 0;
    return {
      name: nameOf(node),
      type: typeNode?.text ?? "",
      optional: hasDefault || nullable,
      decorators: decoratorNames(node),
      node,
    };
  });
}

/** The default value expression of a parameter, if it has one. */
export function paramDefault(param: ParamInfo): Node | undefined {
  const parts = meaningful(param.node);
  const typeIndex = parts.findIndex((part) => part.type === "type");
  return typeIndex >= 0 ? parts[typeIndex + 1] : undefined;
}

/** Body object of a resource or module, looking through `if (...)` and `[for ...]`. */
export function bodyOf(declaration: Node): Node {
  for (const child of meaningful(declaration)) {
    if (child.type === "object") return child;
    if (child.type === "if_statement") {
      const object = meaningful(child).find((part) => part.type === "object");
      if (object) return object;
    }
    if (child.type === "for_statement") {
      const body = child.childForFieldName("body");
      if (body?.type === "object") return body;
      const nested = body && meaningful(body).find((part) => part.type === "object");
      if (nested) return nested;
    }
  }
  throw new Error(`no body on ${declaration.type} ${nameOf(declaration)}`);
}

/** The quoted type of a resource (`Microsoft.Web/sites@2024-04-01`) or path of a module. */
export function targetOf(declaration: Node): string {
  const target = meaningful(declaration).find((child) => child.type === "string");
  if (!target) throw new Error(`no type or path on ${nameOf(declaration)}`);
  return stringValue(target) ?? target.text;
}

export function isExisting(resource: Node): boolean {
  return resource.children.some((child) => child?.type === "existing");
}

function keyText(key: Node): string {
  return key.type === "string" ? (stringValue(key) ?? key.text) : key.text;
}

export function properties(object: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const property of meaningful(object).filter((child) => child.type === "object_property")) {
    const parts = meaningful(property);
    const key = parts[0];
    const value = parts.at(-1);
    if (key && value && parts.length >= 2) found.set(keyText(key), value);
  }
  return found;
}

/** Follows `a.b.c` through nested object literals. */
export function propertyAt(object: Node, path: string): Node | undefined {
  let current: Node | undefined = object;
  for (const key of path.split(".")) {
    if (current?.type !== "object") return undefined;
    current = properties(current).get(key);
  }
  return current;
}

/** Text of a plain string literal; undefined when it interpolates or is not a string. */
export function stringValue(node: Node): string | undefined {
  if (node.type !== "string") return undefined;
  if (meaningful(node).some((child) => child.type === "interpolation")) return undefined;
  return meaningful(node)
    .map((child) => (child.type === "escape_sequence" ? child.text.slice(1) : child.text))
    .join("");
}

/** A literal's value: string, number or boolean; undefined for any expression. */
export function literal(node: Node | undefined): string | number | boolean | undefined {
  if (!node) return undefined;
  if (node.type === "string") return stringValue(node);
  if (node.type === "number") return Number(node.text);
  if (node.type === "boolean") return node.text === "true";
  return undefined;
}

export function variable(file: BicepFile, name: string): Node | undefined {
  const declaration = declarations(file, "variable_declaration").find((node) => nameOf(node) === name);
  return declaration ? meaningful(declaration).at(-1) : undefined;
}

/** Resources (or modules) whose quoted type (or path) starts with the given prefix. */
export function declarationsOf(file: BicepFile, type: string, targetPrefix: string): Node[] {
  return declarations(file, type).filter((node) => targetOf(node).startsWith(targetPrefix));
}

export function resources(file: BicepFile, typePrefix: string): Node[] {
  return declarationsOf(file, "resource_declaration", typePrefix);
}
