// What the code deploys, read from its sources with the TypeScript compiler's parser (never by
// running it): the functions index.ts exports and how, the secrets config.ts defines, the pool
// size of the Mongo client. The consistency tests compare these with the HCL.
import { readFileSync } from "node:fs";
import ts from "typescript";

const root = new URL("../../", import.meta.url);
export const repoPath = (path: string): string => new URL(path, root).pathname;

export type Trigger = "onRequest" | "onMessagePublished" | "onSchedule";

export interface ExportedFunction {
  name: string;
  trigger: Trigger;
  /** invoker of an onRequest function ("public", "private"), when its options say. */
  invoker: string | undefined;
  /** Names of the secrets it binds (defineSecret names, e.g. MONGODB_URI). */
  secrets: string[];
  /** Its maxInstances: its own option, else setGlobalOptions's. */
  maxInstances: number;
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(repoPath(path), "utf8"), ts.ScriptTarget.Latest, true);
}

/** Top-level `const name = <initializer>` declarations of a file, by name. */
function constants(file: ts.SourceFile): Map<string, ts.Expression> {
  const found = new Map<string, ts.Expression>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) found.set(declaration.name.text, declaration.initializer);
    }
  }
  return found;
}

function exported(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The object literal an options argument comes down to: written inline, a constant, or returned by a helper. */
function optionsObject(expression: ts.Expression, consts: Map<string, ts.Expression>): ts.ObjectLiteralExpression | undefined {
  if (ts.isObjectLiteralExpression(expression)) return expression;
  if (ts.isIdentifier(expression)) {
    const value = consts.get(expression.text);
    return value ? optionsObject(value, consts) : undefined;
  }
  if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression)) {
    const helper = consts.get(expression.expression.text);
    if (helper && ts.isArrowFunction(helper)) {
      let returned: ts.ObjectLiteralExpression | undefined;
      const visit = (node: ts.Node): void => {
        if (ts.isReturnStatement(node) && node.expression && ts.isObjectLiteralExpression(node.expression)) returned = node.expression;
        else if (ts.isObjectLiteralExpression(node) && node.parent === helper) returned = node;
        else ts.forEachChild(node, visit);
      };
      visit(helper.body);
      return returned;
    }
  }
  return undefined;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** defineSecret("NAME") constants of config.ts: identifier → secret name. */
export function definedSecrets(): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const [name, value] of constants(parse("functions/src/config.ts"))) {
    if (ts.isCallExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === "defineSecret") {
      const [first] = value.arguments;
      if (first && ts.isStringLiteral(first)) secrets.set(name, first.text);
    }
  }
  return secrets;
}

/** A string constant of config.ts, e.g. the functions' region. */
export function configString(name: string): string | undefined {
  const value = constants(parse("functions/src/config.ts")).get(name);
  return value && ts.isStringLiteral(value) ? value.text : undefined;
}

/** Every function index.ts exports, with its trigger, invoker, bound secrets and max instances. */
export function exportedFunctions(): ExportedFunction[] {
  const file = parse("functions/src/index.ts");
  const consts = constants(file);
  const secretNames = definedSecrets();
  let globalMaxInstances: number | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "setGlobalOptions") {
      const [options] = node.arguments;
      const max = options && ts.isObjectLiteralExpression(options) ? property(options, "maxInstances") : undefined;
      if (max && ts.isNumericLiteral(max)) globalMaxInstances = Number(max.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  const functions: ExportedFunction[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !exported(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const call = declaration.initializer;
      if (!ts.isIdentifier(declaration.name) || !call || !ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) continue;
      const trigger = call.expression.text;
      if (trigger !== "onRequest" && trigger !== "onMessagePublished" && trigger !== "onSchedule") continue;
      const [first] = call.arguments;
      const options = first ? optionsObject(first, consts) : undefined;
      if (!options) throw new Error(`index.ts: the options of ${declaration.name.text} are not an object literal, a constant or a helper's returned literal`);
      const secretsList = property(options, "secrets");
      const secrets = secretsList && ts.isArrayLiteralExpression(secretsList)
        ? secretsList.elements.map((e) => {
            const secret = ts.isIdentifier(e) ? secretNames.get(e.text) : undefined;
            if (!secret) throw new Error(`index.ts: ${declaration.name.getText()} binds ${e.getText()}, which is not a defineSecret of config.ts`);
            return secret;
          })
        : [];
      const invoker = property(options, "invoker");
      const ownMax = property(options, "maxInstances");
      const maxInstances = ownMax && ts.isNumericLiteral(ownMax) ? Number(ownMax.text) : globalMaxInstances;
      if (maxInstances === undefined) throw new Error(`index.ts: no maxInstances for ${declaration.name.text} (setGlobalOptions sets none)`);
      functions.push({
        name: declaration.name.text,
        trigger,
        invoker: invoker && ts.isStringLiteral(invoker) ? invoker.text : undefined,
        secrets,
        maxInstances,
      });
    }
  }
  return functions;
}

/** The maxPoolSize the Mongo client is created with (functions/src/adapters/mongo/mongo-client.ts). */
export function mongoPoolSize(): number {
  const file = parse("functions/src/adapters/mongo/mongo-client.ts");
  let size: number | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === "maxPoolSize" && ts.isNumericLiteral(node.initializer)) {
      size = Number(node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (size === undefined) throw new Error("mongo-client.ts sets no numeric maxPoolSize: the connection budget cannot be checked");
  return size;
}

export interface CloudResources {
  queues: Record<string, { retryPolicy: Record<string, number>; rateLimits?: Record<string, number> }>;
  taskRoutes: Record<string, { queue: string; functionName: string }>;
  topics: Record<string, { deadLetterTopic?: string }>;
  subscriptions: Record<string, { topic: string }>;
  schedules: Record<string, { schedule: string }>;
}

export function cloudResources(): CloudResources {
  return JSON.parse(readFileSync(repoPath("functions/src/cloud-resources.json"), "utf8")) as CloudResources;
}
