/**
 * The part of GitHub Actions expressions that Almanac's actions use: `${{ a.b.c }}` property paths
 * into the contexts (inputs, steps, github, runner, env). Anything else throws, which keeps the
 * actions simple enough to run here exactly as the runner would.
 */
export type ExpressionContext = Record<string, unknown>;

const TEMPLATE = /\$\{\{\s*(.*?)\s*\}\}/g;
const PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\])*$/;

/** Value of one property-path expression; missing properties are "" as in Actions. */
export function evaluateExpression(expression: string, context: ExpressionContext): string {
  if (!PATH.test(expression)) throw new Error(`unsupported expression: \${{ ${expression} }}`);
  const [head, ...rest] = expression.replace(/\[(\d+)\]/g, ".$1").split(".");
  if (!(head! in context)) throw new Error(`unknown context ${head} in \${{ ${expression} }}`);
  let value: unknown = context[head!];
  for (const key of rest)
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Replaces every `${{ … }}` in a string. */
export function evaluateTemplate(template: string, context: ExpressionContext): string {
  return template.replace(TEMPLATE, (_, expression: string) => evaluateExpression(expression, context));
}
