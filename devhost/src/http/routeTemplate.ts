// ASP.NET-style route templates as the Functions host accepts them: `{name}`, `{name?}`,
// `{name:int}` (and other inline constraints), `{*rest}` catch-all. Matching is case-insensitive.
import { DevhostConfigError } from "../errors.js";

export interface CompiledRoute {
  template: string;
  regex: RegExp;
  paramNames: string[];
  /** Higher = more specific; literal segments win over parameters, catch-alls come last. */
  rank: number;
}

const CONSTRAINTS: Record<string, string> = {
  int: "-?\\d+",
  long: "-?\\d+",
  double: "-?\\d+(?:\\.\\d+)?",
  decimal: "-?\\d+(?:\\.\\d+)?",
  float: "-?\\d+(?:\\.\\d+)?",
  bool: "(?:true|false)",
  alpha: "[A-Za-z]+",
  guid: "[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}",
  datetime: "[^/]+",
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function parameterPattern(spec: string, where: string): { name: string; pattern: string; optional: boolean; catchAll: boolean } {
  const catchAll = spec.startsWith("*");
  let body = catchAll ? spec.slice(1).replace(/^\*/, "") : spec;
  const optional = body.endsWith("?");
  if (optional) body = body.slice(0, -1);
  const [name = "", ...constraints] = body.split(":");
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.split("=")[0] ?? "")) throw new DevhostConfigError(`${where}: bad route parameter "{${spec}}"`);
  let pattern = catchAll ? ".*" : "[^/]+";
  for (const constraint of constraints) {
    const key = constraint.replace(/\(.*\)$/, "").toLowerCase();
    const known = CONSTRAINTS[key];
    if (known) pattern = known;
    else if (key === "regex") pattern = constraint.slice("regex(".length, -1);
    // Range constraints (min, max, length, range…) are not checked by devhost.
  }
  return { name: name.split("=")[0] ?? name, pattern, optional: optional || name.includes("="), catchAll };
}

export function compileRoute(template: string, where: string): CompiledRoute {
  const trimmed = template.replace(/^\/+|\/+$/g, "");
  const paramNames: string[] = [];
  let source = "";
  let rank = 0;
  let catchAll = false;
  const segments = trimmed === "" ? [] : trimmed.split("/");
  segments.forEach((segment, index) => {
    const separator = index === 0 ? "" : "/";
    const whole = /^\{([^{}]+)\}$/.exec(segment);
    if (whole?.[1]) {
      const p = parameterPattern(whole[1], where);
      paramNames.push(p.name);
      const group = `(?<${p.name}>${p.pattern})`;
      source += p.optional || p.catchAll ? `(?:${separator}${group})?` : `${separator}${group}`;
      rank += p.catchAll ? 0 : 1;
      catchAll ||= p.catchAll;
      return;
    }
    let segmentSource = "";
    let rest = segment;
    for (let match = /\{([^{}]+)\}/.exec(rest); match; match = /\{([^{}]+)\}/.exec(rest)) {
      segmentSource += escape(rest.slice(0, match.index));
      const p = parameterPattern(match[1] ?? "", where);
      paramNames.push(p.name);
      segmentSource += `(?<${p.name}>${p.pattern})${p.optional ? "?" : ""}`;
      rest = rest.slice(match.index + match[0].length);
    }
    if (rest.includes("{") || rest.includes("}")) throw new DevhostConfigError(`${where}: unbalanced braces in route "${template}"`);
    segmentSource += escape(rest);
    source += separator + segmentSource;
    rank += segmentSource === escape(segment) ? 4 : 2;
  });
  let regex: RegExp;
  try {
    regex = new RegExp(`^${source}/?$`, "i");
  } catch (error) {
    throw new DevhostConfigError(`${where}: invalid route "${template}": ${error instanceof Error ? error.message : String(error)}`);
  }
  // Ties go to the longer route, but a catch-all segment adds no length: "docs" outranks
  // "docs/{*asset}" for the path /docs, as in the Functions host (ASP.NET routing precedence).
  const specificSegments = segments.length - (catchAll ? 1 : 0);
  return { template: trimmed, regex, paramNames, rank: rank * 100 + specificSegments * 2 + (catchAll ? 0 : 1) };
}

/** Route values for `path` (already without the route prefix), or undefined when it does not match. */
export function matchRoute(route: CompiledRoute, path: string): Record<string, string> | undefined {
  const match = route.regex.exec(path);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const name of route.paramNames) {
    const value = match.groups?.[name];
    if (value !== undefined && value !== "") params[name] = decodeURIComponent(value);
  }
  return params;
}
