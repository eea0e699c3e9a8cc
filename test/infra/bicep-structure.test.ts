// The Bicep parses and its modules are wired correctly: what `bicep build` would catch first, checked
// offline with the tree-sitter grammar.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { before, describe, it } from "node:test";
import {
  bicepPaths,
  bodyOf,
  declarations,
  descendants,
  getFile,
  loadInfra,
  meaningful,
  nameOf,
  params,
  parseBicep,
  properties,
  repoRoot,
  stringValue,
  syntaxProblems,
  targetOf,
} from "./bicep.js";
import type { BicepFile, Node } from "./bicep.js";

let files: Map<string, BicepFile>;

before(async () => {
  files = await loadInfra();
});

describe("infra/*.bicep syntax", () => {
  it("finds main.bicep and the modules under infra/app", () => {
    const paths = bicepPaths();
    assert.ok(paths.includes("infra/main.bicep"), paths.join(", "));
    assert.ok(paths.filter((path) => path.startsWith("infra/app/")).length >= 6, paths.join(", "));
  });

  it("parses every file with no syntax error or missing token", () => {
    const problems = [...files.values()].flatMap(syntaxProblems);
    assert.deepEqual(problems, []);
  });

  it("reports a broken file (the check can fail)", async () => {
    const broken = await parseBicep("param name string =\nresource x 'Microsoft.Web/sites@2024-04-01' = {\n  name: name\n");
    assert.notDeepEqual(syntaxProblems(broken), []);
  });
});

describe("module wiring", () => {
  const calls = (): { caller: BicepFile; module: ReturnType<typeof declarations>[number] }[] =>
    [...files.values()].flatMap((caller) =>
      declarations(caller, "module_declaration").map((module) => ({ caller, module })),
    );

  it("uses local modules only, each path resolving to a parsed file", () => {
    assert.ok(calls().length >= 7, "main.bicep calls the infra/app modules");
    for (const { caller, module } of calls()) {
      const path = targetOf(module);
      assert.doesNotMatch(path, /^(br|ts)[:/]/, `${caller.path}: ${nameOf(module)} pulls a registry module offline tests cannot check`);
      const target = normalize(join(dirname(caller.path), path)).replaceAll("\\", "/");
      assert.ok(existsSync(join(repoRoot, target)), `${caller.path}: module ${nameOf(module)} → ${path} does not exist`);
      assert.ok(files.has(target), `${target} is not under infra/`);
    }
  });

  it("pins a stable (non-preview) API version on every resource", () => {
    for (const file of files.values()) {
      for (const resource of declarations(file, "resource_declaration")) {
        assert.match(targetOf(resource), /^[A-Za-z]+\.[A-Za-z]+\/[A-Za-z/]+@\d{4}-\d{2}-\d{2}$/, `${file.path} ${nameOf(resource)}`);
      }
    }
  });

  it("passes every required parameter and no unknown one at each call site", () => {
    for (const { caller, module } of calls()) {
      const target = getFile(files, normalize(join(dirname(caller.path), targetOf(module))).replaceAll("\\", "/"));
      const declared = params(target);
      const passedNode = properties(bodyOf(module)).get("params");
      const passed = passedNode ? [...properties(passedNode).keys()] : [];
      const where = `${caller.path} → ${nameOf(module)} (${target.path})`;
      const missing = declared.filter((param) => !param.optional && !passed.includes(param.name)).map((param) => param.name);
      assert.deepEqual(missing, [], `${where}: required parameters not passed`);
      const unknown = passed.filter((name) => !declared.some((param) => param.name === name));
      assert.deepEqual(unknown, [], `${where}: parameters the module does not declare`);
    }
  });

  it("treats a parameter without a default as required (the check can fail)", async () => {
    const module = await parseBicep("param name string\nparam location string = 'x'\nparam tags object?\n");
    assert.deepEqual(
      params(module).map((param) => [param.name, param.optional]),
      [
        ["name", false],
        ["location", true],
        ["tags", true],
      ],
    );
  });

  it("maps every parameter in main.parameters.json to a main.bicep parameter, and required ones all", () => {
    const json: unknown = JSON.parse(readFileSync(join(repoRoot, "infra/main.parameters.json"), "utf8"));
    assert.ok(typeof json === "object" && json !== null && "parameters" in json);
    const mapped = json.parameters as Record<string, { value?: unknown }>;
    const declared = params(getFile(files, "infra/main.bicep"));
    for (const name of Object.keys(mapped)) {
      assert.ok(declared.some((param) => param.name === name), `main.parameters.json sets unknown parameter ${name}`);
      assert.match(String(mapped[name]?.value), /^\$\{[A-Z][A-Z0-9_]*(=[^}]*)?\}$/, `${name} takes its value from the azd environment`);
    }
    for (const param of declared.filter((declaredParam) => !declaredParam.optional)) {
      assert.ok(param.name in mapped, `required parameter ${param.name} has no azd mapping`);
    }
    // The names azd itself fills in.
    assert.equal(mapped.environmentName?.value, "${AZURE_ENV_NAME}");
    assert.equal(mapped.location?.value, "${AZURE_LOCATION}");
    assert.equal(mapped.principalId?.value, "${AZURE_PRINCIPAL_ID}");
  });

  it("names every main.bicep output in UPPER_SNAKE so azd stores it in the environment", () => {
    const outputs = declarations(getFile(files, "infra/main.bicep"), "output_declaration").map(nameOf);
    assert.ok(outputs.includes("AZURE_FUNCTION_APP_NAME") && outputs.includes("KEY_VAULT_URI"), outputs.join(", "));
    for (const output of outputs) assert.match(output, /^[A-Z][A-Z0-9_]*$/);
  });
});

describe("symbol references (what the Bicep compiler would reject)", () => {
  const DECLARATIONS = ["parameter_declaration", "variable_declaration", "resource_declaration", "module_declaration", "type_declaration", "user_defined_function", "output_declaration"];
  // Built-in namespaces usable as `az.resourceGroup()`.
  const NAMESPACES = new Set(["az", "sys"]);

  function declared(file: BicepFile): Set<string> {
    const names = new Set(DECLARATIONS.filter((type) => type !== "output_declaration").flatMap((type) => declarations(file, type).map(nameOf)));
    for (const loop of descendants(file.root, "for_statement")) {
      const variable = loop.childForFieldName("initializer");
      if (variable) names.add(variable.text);
    }
    for (const type of ["loop_variable", "loop_enumerator"]) for (const node of descendants(file.root, type)) names.add(node.text);
    return names;
  }

  /** Identifiers used as values: not declaration names, object keys, function names or loop variables. */
  function references(file: BicepFile): Node[] {
    return descendants(file.root, "identifier").filter((node) => {
      const parent = node.parent;
      if (!parent) return false;
      const first = meaningful(parent)[0];
      const isFirst = first !== undefined && first.equals(node);
      if (DECLARATIONS.includes(parent.type) && isFirst) return false;
      if (parent.type === "object_property" && isFirst) return false;
      if (parent.type === "call_expression" && parent.childForFieldName("function")?.equals(node)) return false;
      if (parent.type === "for_statement" && parent.childForFieldName("initializer")?.equals(node)) return false;
      for (let up: Node | null = parent; up; up = up.parent) if (up.type === "type" || up.type === "decorators") return false;
      return true;
    });
  }

  it("references only declared parameters, variables, resources, modules and loop variables", () => {
    const unknown = [...files.values()].flatMap((file) => {
      const names = declared(file);
      return references(file)
        .filter((node) => !names.has(node.text) && !NAMESPACES.has(node.text))
        .map((node) => `${file.path}:${node.startPosition.row + 1} ${node.text}`);
    });
    assert.deepEqual(unknown, []);
  });

  it("reads only outputs that the called module declares", () => {
    const problems: string[] = [];
    for (const caller of files.values()) {
      const modules = new Map(
        declarations(caller, "module_declaration").map((module) => [
          nameOf(module),
          getFile(files, normalize(join(dirname(caller.path), targetOf(module))).replaceAll("\\", "/")),
        ]),
      );
      for (const access of descendants(caller.root, "member_expression")) {
        const inner = access.childForFieldName("object");
        const symbol = inner?.type === "member_expression" ? inner.childForFieldName("object") : undefined;
        if (inner?.childForFieldName("property")?.text !== "outputs" || symbol?.type !== "identifier") continue;
        const target = modules.get(symbol.text);
        const output = access.childForFieldName("property")?.text ?? "";
        if (target && !declarations(target, "output_declaration").some((declaration) => nameOf(declaration) === output)) {
          problems.push(`${caller.path}:${access.startPosition.row + 1} ${symbol.text}.outputs.${output} is not an output of ${target.path}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it("catches a misspelt symbol (the check can fail)", async () => {
    const file = await parseBicep("param name string\nvar tags = { a: nmae }\noutput o string = name\n", "inline.bicep");
    assert.deepEqual(
      references(file).filter((node) => !declared(file).has(node.text)).map((node) => node.text),
      ["nmae"],
    );
  });
});

describe("azure.yaml", () => {
  /** `key: value` lines of azure.yaml by indentation path (`services.<name>.host`); enough for this flat file. */
  function yamlEntries(): Map<string, string> {
    const entries = new Map<string, string>();
    const stack: { indent: number; key: string }[] = [];
    for (const line of readFileSync(join(repoRoot, "azure.yaml"), "utf8").split("\n")) {
      const match = /^( *)([A-Za-z0-9_.-]+):\s*(.*?)\s*$/.exec(line.replace(/\s+#.*$/, ""));
      if (!match || line.trimStart().startsWith("#")) continue;
      const [, spaces = "", key = "", value = ""] = match;
      while (stack.length > 0 && (stack.at(-1)?.indent ?? 0) >= spaces.length) stack.pop();
      stack.push({ indent: spaces.length, key });
      entries.set(stack.map((entry) => entry.key).join("."), value);
    }
    return entries;
  }

  it("declares one TypeScript function service, the one main.bicep tags for azd", () => {
    const entries = yamlEntries();
    const services = [...entries.keys()].filter((key) => /^services\.[^.]+$/.test(key)).map((key) => key.split(".")[1]);
    assert.equal(services.length, 1, `one service, found ${services.join(", ")}`);
    const service = services[0] ?? "";
    assert.equal(entries.get(`services.${service}.host`), "function");
    assert.equal(entries.get(`services.${service}.language`), "ts");
    assert.equal(entries.get(`services.${service}.project`), ".");
    assert.equal(entries.get("infra.path"), "infra");
    const main = getFile(files, "infra/main.bicep");
    const call = declarations(main, "module_declaration").find((module) => targetOf(module) === "app/function-app.bicep");
    assert.ok(call, "main.bicep deploys app/function-app.bicep");
    const tagged = properties(bodyOf(call)).get("params");
    assert.equal(tagged && stringValue(properties(tagged).get("serviceName") ?? tagged), service, "azd-service-name tag matches azure.yaml");
  });
});
