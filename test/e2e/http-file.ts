// Reads the requests of a .http file (the REST Client format of requests.http): `@name = value`
// variables, requests separated by `###`, `# @name x` naming a request whose answer later requests
// use as `{{x.response.body.field}}`.
export interface HttpFileRequest {
  name?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpFile {
  variables: Record<string, string>;
  requests: HttpFileRequest[];
}

export function parseHttpFile(text: string): HttpFile {
  const variables: Record<string, string> = {};
  const requests: HttpFileRequest[] = [];
  for (const block of text.split(/^###.*$/m)) {
    let name: string | undefined;
    let request: HttpFileRequest | undefined;
    let inBody = false;
    const body: string[] = [];
    for (const line of block.split("\n")) {
      if (inBody) {
        body.push(line);
        continue;
      }
      const variable = /^@(\w+)\s*=\s*(.*)$/.exec(line);
      if (variable?.[1] !== undefined && variable[2] !== undefined) variables[variable[1]] = variable[2].trim();
      const named = /^#\s*@name\s+(\w+)/.exec(line);
      if (named?.[1] !== undefined) name = named[1];
      if (line.startsWith("#") || variable) continue;
      if (request === undefined) {
        const start = /^(GET|POST|PUT|PATCH|DELETE)\s+(\S+)/.exec(line);
        if (start?.[1] !== undefined && start[2] !== undefined) request = { ...(name ? { name } : {}), method: start[1], url: start[2], headers: {} };
        continue;
      }
      if (line.trim() === "") {
        inBody = true;
        continue;
      }
      const header = /^([\w-]+):\s*(.*)$/.exec(line);
      if (header?.[1] !== undefined && header[2] !== undefined) request.headers[header[1]] = header[2];
    }
    if (request === undefined) continue;
    const text = body.join("\n").trim();
    requests.push(text === "" ? request : { ...request, body: text });
  }
  return { variables, requests };
}

/** Fills in `{{name}}` from the variables and `{{req.response.body.field}}` from earlier answers' bodies (by request name). */
export function fill(text: string, variables: Record<string, string>, answers: Record<string, unknown>): string {
  return text.replace(/\{\{([\w.]+)\}\}/g, (whole, ref: string) => {
    const [first, ...path] = ref.split(".");
    if (path.length === 0) return first !== undefined && first in variables ? fill(variables[first] ?? "", variables, answers) : whole;
    let value: unknown = answers[first ?? ""];
    for (const key of path.slice(2)) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    return typeof value === "string" ? value : whole;
  });
}
