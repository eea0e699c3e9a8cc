// Production guarantees of the Bicep, read from the parse trees: identity everywhere, no keys, TLS
// and HTTPS only, locked-down Key Vault, and no secret written into any template.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { appSettings } from "./app-settings.js";
import {
  bodyOf,
  declarations,
  decoratorArguments,
  descendants,
  getFile,
  literal,
  loadInfra,
  meaningful,
  nameOf,
  paramDefault,
  params,
  parseBicep,
  propertyAt,
  properties,
  repoRoot,
  resources,
  stringValue,
} from "./bicep.js";
import type { BicepFile, Node } from "./bicep.js";

let files: Map<string, BicepFile>;
let all: BicepFile[];

before(async () => {
  files = await loadInfra();
  all = [...files.values()];
});

// Built-in role definition ids: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
const ROLES = {
  "Storage Blob Data Owner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
  "Storage Queue Data Contributor": "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
  "Storage Table Data Contributor": "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
  "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
  "Key Vault Secrets Officer": "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
  "Monitoring Metrics Publisher": "3913510d-42f4-4e42-8a64-420c390055eb",
  "Durable Task Data Contributor": "0ad04412-c4d5-4796-b79c-f76d14c8d402",
} as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function only(found: Node[], what: string): Node {
  assert.equal(found.length, 1, `expected exactly one ${what}, found ${found.length}`);
  return found[0] as Node;
}

function resourceIn(path: string, typePrefix: string): Node {
  return bodyOf(only(resources(getFile(files, path), typePrefix), `${typePrefix} in ${path}`));
}

function valueAt(body: Node, path: string): string | number | boolean | undefined {
  return literal(propertyAt(body, path));
}

function allStringLiterals(file: BicepFile): string[] {
  return descendants(file.root, "string_content").map((node) => node.text);
}

describe("role assignments", () => {
  const assignments = (): { file: BicepFile; body: Node; name: string }[] =>
    all.flatMap((file) =>
      resources(file, "Microsoft.Authorization/roleAssignments@").map((node) => ({ file, body: bodyOf(node), name: nameOf(node) })),
    );

  it("names every assignment guid(scope.id, principal, role), matching its scope and role", () => {
    assert.ok(assignments().length >= 4);
    for (const { file, body, name } of assignments()) {
      const at = `${file.path} ${name}`;
      const nameExpr = properties(body).get("name");
      assert.equal(nameExpr?.type, "call_expression", `${at}: name is not a function call`);
      assert.equal(nameExpr.childForFieldName("function")?.text, "guid", `${at}: name is not guid(...)`);
      const args = meaningful(nameExpr.childForFieldName("arguments") ?? nameExpr).map((arg) => arg.text);
      assert.equal(args.length, 3, `${at}: guid takes scope, principal and role`);
      assert.equal(args[0], `${properties(body).get("scope")?.text}.id`, `${at}: first guid argument is the scope's id`);
      assert.match(args[1] ?? "", /principalId/, `${at}: second guid argument is the principal`);
      const roleDefinition = propertyAt(body, "properties.roleDefinitionId")?.text ?? "";
      assert.ok(roleDefinition.includes(args[2] ?? "(none)"), `${at}: third guid argument is the assigned role`);
      assert.ok(propertyAt(body, "properties.principalType"), `${at}: principalType set (avoids replication-delay failures)`);
    }
  });

  it("grants the app identity the five data roles it needs, with real built-in role ids", () => {
    const rbac = allStringLiterals(getFile(files, "infra/app/rbac.bicep"));
    for (const role of [
      "Storage Blob Data Owner",
      "Storage Queue Data Contributor",
      "Storage Table Data Contributor",
      "Key Vault Secrets User",
      "Monitoring Metrics Publisher",
    ] as const) {
      assert.ok(rbac.includes(ROLES[role]), `${role} (${ROLES[role]}) missing from rbac.bicep`);
    }
    const scheduler = allStringLiterals(getFile(files, "infra/app/durable-task-scheduler.bicep"));
    assert.ok(scheduler.includes(ROLES["Durable Task Data Contributor"]));
    const known = new Set<string>(Object.values(ROLES));
    const unknown = all.flatMap(allStringLiterals).filter((text) => GUID.test(text) && !known.has(text));
    assert.deepEqual(unknown, [], "GUIDs in infra/ that are not the built-in roles above");
  });

  it("assigns the roles to the app identity always and to the deploying user only when given", () => {
    const main = getFile(files, "infra/main.bicep");
    const calls = declarations(main, "module_declaration").filter((module) => meaningful(module).some((part) => part.text === "'app/rbac.bicep'"));
    const byPrincipal = new Map(calls.map((call) => [propertyAt(bodyOf(call), "params.principalId")?.text, call]));
    const app = byPrincipal.get("identity.outputs.principalId");
    assert.ok(app, "rbac.bicep is called for the app identity");
    assert.equal(valueAt(bodyOf(app), "params.principalType"), "ServicePrincipal");
    assert.ok(!meaningful(app).some((part) => part.type === "if_statement"), "the app's roles are unconditional");
    const user = byPrincipal.get("principalId");
    assert.ok(user, "rbac.bicep is called for the deploying user");
    const condition = meaningful(user).find((part) => part.type === "if_statement");
    assert.match(condition?.text ?? "", /^if\s*\(\s*!empty\(principalId\)\s*\)/, "only when principalId is given");
  });
});

describe("storage, function app, key vault, monitoring", () => {
  it("turns shared key access off on the storage account", () => {
    const storage = resourceIn("infra/app/storage.bicep", "Microsoft.Storage/storageAccounts@");
    assert.equal(valueAt(storage, "properties.allowSharedKeyAccess"), false);
    assert.equal(valueAt(storage, "properties.allowBlobPublicAccess"), false);
    assert.equal(valueAt(storage, "properties.minimumTlsVersion"), "TLS1_2");
    assert.equal(valueAt(storage, "properties.supportsHttpsTrafficOnly"), true);
  });

  it("runs Node 22 on Linux Flex Consumption, HTTPS only, TLS 1.2, FTP off", () => {
    const path = "infra/app/function-app.bicep";
    const plan = resourceIn(path, "Microsoft.Web/serverfarms@");
    assert.equal(valueAt(plan, "sku.name"), "FC1");
    assert.equal(valueAt(plan, "sku.tier"), "FlexConsumption");
    assert.equal(valueAt(plan, "properties.reserved"), true, "Linux");
    const site = resourceIn(path, "Microsoft.Web/sites@");
    assert.match(String(valueAt(site, "kind")), /^functionapp,linux$/);
    assert.equal(valueAt(site, "properties.httpsOnly"), true);
    assert.equal(valueAt(site, "properties.siteConfig.minTlsVersion"), "1.2");
    assert.equal(valueAt(site, "properties.siteConfig.ftpsState"), "Disabled");
    assert.equal(valueAt(site, "properties.functionAppConfig.runtime.name"), "node");
    assert.equal(valueAt(site, "properties.functionAppConfig.runtime.version"), "22");
    assert.equal(valueAt(site, "identity.type"), "UserAssigned");
    assert.equal(valueAt(site, "properties.functionAppConfig.deployment.storage.type"), "blobContainer");
    assert.equal(valueAt(site, "properties.functionAppConfig.deployment.storage.authentication.type"), "UserAssignedIdentity");
    const fa = getFile(files, path);
    const declared = new Set(params(fa).map((param) => param.name));
    for (const knob of ["maximumInstanceCount", "instanceMemoryMB"]) {
      const value = propertyAt(site, `properties.functionAppConfig.scaleAndConcurrency.${knob}`);
      assert.ok(value?.type === "identifier" && declared.has(value.text), `${knob} is a parameter`);
    }
    const policies = resources(fa, "Microsoft.Web/sites/basicPublishingCredentialsPolicies@").map(bodyOf);
    assert.deepEqual(policies.map((body) => valueAt(body, "name")).sort(), ["ftp", "scm"]);
    for (const body of policies) assert.equal(valueAt(body, "properties.allow"), false);
  });

  it("exposes scale limits as main.bicep parameters passed through to the app", () => {
    const main = getFile(files, "infra/main.bicep");
    const call = only(
      declarations(main, "module_declaration").filter((module) => meaningful(module).some((part) => part.text === "'app/function-app.bicep'")),
      "function app module call",
    );
    for (const knob of ["maximumInstanceCount", "instanceMemoryMB"]) {
      assert.equal(propertyAt(bodyOf(call), `params.${knob}`)?.text, knob);
      assert.ok(params(main).some((param) => param.name === knob));
    }
  });

  it("locks Key Vault down: RBAC, soft delete, purge protection, network access as a parameter", () => {
    const path = "infra/app/keyvault.bicep";
    const vault = resourceIn(path, "Microsoft.KeyVault/vaults@");
    assert.equal(valueAt(vault, "properties.enableRbacAuthorization"), true);
    assert.equal(valueAt(vault, "properties.enableSoftDelete"), true);
    assert.equal(valueAt(vault, "properties.enablePurgeProtection"), true);
    assert.equal(propertyAt(vault, "properties.accessPolicies"), undefined, "no access policies beside RBAC");
    const access = propertyAt(vault, "properties.publicNetworkAccess");
    assert.equal(access?.type, "identifier");
    const param = params(getFile(files, path)).find((candidate) => candidate.name === access.text);
    assert.ok(param, "publicNetworkAccess is a parameter");
    assert.deepEqual(meaningful(decoratorArguments(param.node, "allowed")[0] ?? param.node).map(literal), ["Enabled", "Disabled"]);
    const secretResources = all.flatMap((file) => resources(file, "Microsoft.KeyVault/vaults/secrets@"));
    assert.deepEqual(secretResources, [], "the template never writes secret values");
  });

  it("disables local auth on Application Insights and authenticates the app with its identity", () => {
    const insights = resourceIn("infra/app/monitoring.bicep", "Microsoft.Insights/components@");
    assert.equal(valueAt(insights, "properties.DisableLocalAuth"), true);
    const auth = appSettings(files).find((setting) => setting.name === "APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
    assert.ok(auth?.always);
    assert.match(auth.value.text, /^'ClientId=\$\{identityClientId\};Authorization=AAD'$/);
  });

  it("offers the Durable Task Scheduler as an opt-in backend with identity auth", () => {
    const main = getFile(files, "infra/main.bicep");
    const backend = params(main).find((param) => param.name === "durableBackend");
    assert.ok(backend);
    assert.equal(literal(paramDefault(backend)), "AzureStorage");
    assert.deepEqual(meaningful(decoratorArguments(backend.node, "allowed")[0] ?? backend.node).map(literal), ["AzureStorage", "DurableTaskScheduler"]);
    const scheduler = getFile(files, "infra/app/durable-task-scheduler.bicep");
    only(resources(scheduler, "Microsoft.DurableTask/schedulers@"), "scheduler");
    only(resources(scheduler, "Microsoft.DurableTask/schedulers/taskHubs@"), "task hub");
    const byName = new Map(appSettings(files).map((setting) => [setting.name, setting]));
    const connection = byName.get("DURABLE_TASK_SCHEDULER_CONNECTION_STRING");
    assert.ok(connection && !connection.always, "set only with the scheduler backend");
    assert.match(connection.value.text, /^'Endpoint=\$\{[^}]+\};Authentication=ManagedIdentity;ClientID=\$\{identityClientId\}'$/);
    const provider = "AzureFunctionsJobHost__extensions__durableTask__storageProvider__";
    assert.equal(literal(byName.get(`${provider}type`)?.value), "azureManaged");
    assert.equal(literal(byName.get(`${provider}connectionStringName`)?.value), "DURABLE_TASK_SCHEDULER_CONNECTION_STRING");
  });
});

describe("no secrets in the templates", () => {
  const SECRET_ASSIGNMENT = /(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd|InstrumentationKey|client_secret)\s*=/i;
  const SECRET_NAME = /password|secret|pwd|token|apikey|accountkey|connectionstring|credential/i;

  function entropy(text: string): number {
    const counts = new Map<string, number>();
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    return [...counts.values()].reduce((sum, n) => sum - (n / text.length) * Math.log2(n / text.length), 0);
  }

  /** Token-like (letters and digits mixed, no spaces or dots), long and random: a key or password. */
  function looksLikeSecret(text: string): boolean {
    if (SECRET_ASSIGNMENT.test(text)) return true;
    return text
      .split(/[^A-Za-z0-9+/=_-]+/)
      .some((token) => token.length >= 20 && /\d/.test(token) && /[A-Za-z]/.test(token) && !GUID.test(token) && entropy(token) >= 3.5);
  }

  function suspiciousLiterals(file: BicepFile): string[] {
    return descendants(file.root, "string")
      .filter((node) => {
        const text = stringValue(node) ?? descendants(node, "string_content").map((part) => part.text).join(" ");
        return looksLikeSecret(text);
      })
      .map((node) => `${file.path}:${node.startPosition.row + 1} ${node.text.slice(0, 12)}…`);
  }

  it("has no key, password or high-entropy literal in any .bicep file", () => {
    assert.deepEqual(all.flatMap(suspiciousLiterals), []);
  });

  it("has none in the parameters file, azure.yaml or bicepconfig.json either", () => {
    for (const path of ["infra/main.parameters.json", "infra/abbreviations.json", "azure.yaml", "bicepconfig.json"]) {
      const text = readFileSync(join(repoRoot, path), "utf8").replaceAll(/https?:\/\/\S+/g, "");
      assert.ok(!looksLikeSecret(text), `${path} holds something that looks like a secret`);
    }
  });

  it("marks every secret-looking string or object parameter @secure(), without a default", () => {
    for (const file of all) {
      for (const param of params(file)) {
        if (!SECRET_NAME.test(param.name) || !/^(string|object)\b/.test(param.type)) continue;
        assert.ok(param.decorators.includes("secure"), `${file.path}: ${param.name} needs @secure()`);
        assert.equal(paramDefault(param), undefined, `${file.path}: ${param.name} has a default secret`);
      }
    }
  });

  it("never reads keys at deployment (no list*() calls)", () => {
    const calls = all.flatMap((file) =>
      descendants(file.root, "call_expression")
        .map((call) => call.childForFieldName("function")?.text ?? "")
        .filter((name) => /(^|\.)list[A-Z]\w*$/.test(name))
        .map((name) => `${file.path}: ${name}()`),
    );
    assert.deepEqual(calls, []);
  });

  it("flags a generated key and an AccountKey= literal (the check can fail)", async () => {
    const key = randomBytes(33).toString("base64");
    const bicep = await parseBicep(`var a = '${key}'\nvar b = 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=\${k}'\nvar c = 'Storage Blob Data Owner'\n`);
    assert.equal(suspiciousLiterals(bicep).length, 2);
    const withParam = await parseBicep("param clientSecret string\n");
    assert.ok(!params(withParam)[0]?.decorators.includes("secure"));
  });
});

describe("bicepconfig.json", () => {
  it("raises the linter rules to warning or error, security ones to error", () => {
    const config = JSON.parse(readFileSync(join(repoRoot, "bicepconfig.json"), "utf8")) as {
      analyzers?: { core?: { enabled?: boolean; rules?: Record<string, { level?: string }> } };
    };
    const core = config.analyzers?.core;
    assert.equal(core?.enabled, true);
    const rules = Object.entries(core.rules ?? {});
    assert.ok(rules.length >= 20, "most core rules are listed");
    for (const [rule, { level }] of rules) assert.ok(level === "warning" || level === "error", `${rule} is ${level}`);
    for (const rule of ["outputs-should-not-contain-secrets", "secure-secrets-in-params", "secure-parameter-default", "no-hardcoded-env-urls", "use-secure-value-for-secure-inputs"]) {
      assert.equal(core.rules?.[rule]?.level, "error", `${rule} is an error`);
    }
  });
});
