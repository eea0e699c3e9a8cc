// Matches "METHOD /path/{param}" templates. The template string doubles as the key of the request
// counts, so tests can say "GET /secrets/{name}" and mean every secret read.

export interface RouteMatch<T> {
  route: T;
  template: string;
  params: Record<string, string>;
}

interface Compiled<T> {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  route: T;
}

function compile(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1] !== undefined) {
        names.push(param[1]);
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { pattern: new RegExp(`^${source}$`), names };
}

/** Strips one trailing slash ("/secrets/x/" is "/secrets/x", as Key Vault's client asks for it). */
export function normalisePath(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

export class Router<T> {
  private readonly routes: Compiled<T>[] = [];

  add(method: string, template: string, route: T): void {
    this.routes.push({ method: method.toUpperCase(), template, route, ...compile(template) });
  }

  /** The route for a method and path; `methodMismatch` says the path exists under another method. */
  match(method: string, path: string): RouteMatch<T> | { methodMismatch: boolean } {
    const target = normalisePath(path);
    let methodMismatch = false;
    for (const candidate of this.routes) {
      const found = candidate.pattern.exec(target);
      if (found === null) continue;
      if (candidate.method !== method.toUpperCase()) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      candidate.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? "");
      });
      return { route: candidate.route, template: candidate.template, params };
    }
    return { methodMismatch };
  }
}
