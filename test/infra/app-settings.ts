// Reads the function app's app settings out of the Bicep: follows union(), variables, ternaries and
// module parameters back to main.bicep, so tests see the same names and values ARM would set.
import { join, normalize } from "node:path";
import {
  bodyOf,
  declarations,
  decoratorArguments,
  getFile,
  literal,
  meaningful,
  paramDefault,
  params,
  properties,
  resources,
  targetOf,
  variable,
} from "./bicep.js";
import type { BicepFile, Node } from "./bicep.js";

interface Binding {
  expr: Node;
  scope: Scope;
}

/** Where an expression is evaluated: its file, plus the arguments its module was called with. */
export interface Scope {
  file: BicepFile;
  args?: Map<string, Binding>;
}

export interface Setting {
  name: string;
  value: Node;
  scope: Scope;
  /** Set in every deployment (not only in one branch of a condition). */
  always: boolean;
}

export const FUNCTION_APP_MODULE = "infra/app/function-app.bicep";

/** The scope of function-app.bicep as main.bicep calls it. */
export function functionAppScope(files: Map<string, BicepFile>): Scope {
  const main = getFile(files, "infra/main.bicep");
  const call = declarations(main, "module_declaration").find(
    (module) => normalize(join("infra", targetOf(module))).replaceAll("\\", "/") === FUNCTION_APP_MODULE,
  );
  if (!call) throw new Error(`main.bicep does not call ${FUNCTION_APP_MODULE}`);
  const passed = properties(bodyOf(call)).get("params");
  const args = new Map<string, Binding>();
  for (const [name, expr] of passed ? properties(passed) : []) args.set(name, { expr, scope: { file: main } });
  return { file: getFile(files, FUNCTION_APP_MODULE), args };
}

/** Every app setting the function app may get, from its `Microsoft.Web/sites/config` appsettings. */
export function appSettings(files: Map<string, BicepFile>): Setting[] {
  const scope = functionAppScope(files);
  const config = resources(scope.file, "Microsoft.Web/sites/config@").find(
    (resource) => literal(properties(bodyOf(resource)).get("name")) === "appsettings",
  );
  if (!config) throw new Error(`${FUNCTION_APP_MODULE} has no appsettings config resource`);
  const value = properties(bodyOf(config)).get("properties");
  if (!value) throw new Error("the appsettings resource sets no properties");
  return settingsOf(value, scope);
}

export function alwaysSet(settings: Setting[]): Set<string> {
  return new Set(settings.filter((setting) => setting.always).map((setting) => setting.name));
}

function resolveIdentifier(name: string, scope: Scope): Binding | undefined {
  const value = variable(scope.file, name);
  if (value) return { expr: value, scope };
  return scope.args?.get(name);
}

export function settingsOf(expr: Node, scope: Scope): Setting[] {
  switch (expr.type) {
    case "object":
      return [...properties(expr)].map(([name, value]) => ({ name, value, scope, always: true }));
    case "parenthesized_expression":
      return settingsOf(meaningful(expr)[0] ?? expr, scope);
    case "identifier": {
      const bound = resolveIdentifier(expr.text, scope);
      if (!bound) throw new Error(`${scope.file.path}: cannot resolve ${expr.text}`);
      return settingsOf(bound.expr, bound.scope);
    }
    case "ternary_expression": {
      const yes = settingsOf(expr.childForFieldName("consequence") ?? expr, scope);
      const no = settingsOf(expr.childForFieldName("alternative") ?? expr, scope);
      const inBoth = (name: string): boolean => alwaysSet(yes).has(name) && alwaysSet(no).has(name);
      return [...yes, ...no].map((setting) => ({ ...setting, always: setting.always && inBoth(setting.name) }));
    }
    case "call_expression": {
      if (expr.childForFieldName("function")?.text !== "union") break;
      const args = meaningful(expr.childForFieldName("arguments") ?? expr);
      return args.flatMap((arg) => settingsOf(arg, scope));
    }
  }
  throw new Error(`${scope.file.path}: cannot read app settings from \`${expr.text}\``);
}

/**
 * Values a setting can take when they are known before deployment: literals, `string(...)` of
 * them, and parameters through their @allowed list or default. Undefined for run-time values.
 */
export function possibleValues(expr: Node, scope: Scope): string[] | undefined {
  const value = literal(expr);
  if (value !== undefined) return [String(value)];
  if (expr.type === "call_expression" && expr.childForFieldName("function")?.text === "string") {
    const arg = meaningful(expr.childForFieldName("arguments") ?? expr)[0];
    return arg ? possibleValues(arg, scope) : undefined;
  }
  if (expr.type !== "identifier") return undefined;
  const bound = resolveIdentifier(expr.text, scope);
  if (bound) return possibleValues(bound.expr, bound.scope);
  const param = params(scope.file).find((candidate) => candidate.name === expr.text);
  if (!param) return undefined;
  const allowed = decoratorArguments(param.node, "allowed")[0];
  if (allowed?.type === "array") {
    const values = meaningful(allowed).map((item) => literal(item));
    return values.every((item) => item !== undefined) ? values.map(String) : undefined;
  }
  const fallback = paramDefault(param);
  return fallback ? possibleValues(fallback, scope) : undefined;
}

/** For messages: where a setting comes from. */
export function describe(setting: Setting): string {
  return `${setting.name} (${setting.scope.file.path}:${setting.value.startPosition.row + 1})`;
}
