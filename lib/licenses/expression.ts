/**
 * License expressions as improved mode reads them: SPDX ids and `LicenseRef-` ids joined by `AND` / `OR`, plus
 * the two states SPDX itself names — `NONE` (no license: all rights reserved) and a license that cannot be
 * named (kept with its original label and the reason).
 *
 * @module
 */
import parse from "spdx-expression-parse";

/** One license, optionally with an SPDX exception (an extra permission) attached. */
export interface LicenseLeaf {
  kind: "license";
  /** SPDX id or `LicenseRef-` id. */
  id: string;
  /** SPDX exception id (or an SPDX 3 `AdditionRef-`), e.g. `LLVM-exception`. */
  exception?: string;
}

/** No license at all: nobody is granted anything (SPDX `NONE`). */
export interface NoLicense {
  kind: "none";
}

/** A license that cannot be named, with the label it came with and why it cannot be read. */
export interface UnknownLicense {
  kind: "unknown";
  /** The label as given (`other`, `unknown-license-reference`, an id nobody knows, ...). */
  label: string;
  reason: string;
}

/** Several licenses: `and` = all apply (files under different licenses), `or` = the licensee chooses one. */
export interface CompoundLicense {
  kind: "and" | "or";
  parts: LicenseExpr[];
}

/** A normalised license expression. */
export type LicenseExpr = LicenseLeaf | NoLicense | UnknownLicense | CompoundLicense;

/**
 * Whether an expression joins several licenses.
 *
 * @example
 * ```ts
 * isCompound({ kind: "license", id: "MIT" }); // false
 * ```
 */
export function isCompound(expr: LicenseExpr): expr is CompoundLicense {
  return expr.kind === "and" || expr.kind === "or";
}

/** The SPDX rendering of `NONE`. */
export const NONE: NoLicense = { kind: "none" };

/**
 * Writes an expression as SPDX text; unknown parts keep their original label.
 *
 * @example
 * ```ts
 * renderLicense({ kind: "and", parts: [{ kind: "license", id: "MIT" }, { kind: "license", id: "Apache-2.0" }] });
 * // "MIT AND Apache-2.0"
 * ```
 */
export function renderLicense(expr: LicenseExpr): string {
  switch (expr.kind) {
    case "license":
      return expr.exception ? `${expr.id} WITH ${expr.exception}` : expr.id;
    case "none":
      return "NONE";
    case "unknown":
      return expr.label;
    default:
      return expr.parts
        .map((p) => isCompound(p) ? `(${renderLicense(p)})` : renderLicense(p))
        .join(expr.kind === "and" ? " AND " : " OR ");
  }
}

/**
 * Whether every part of an expression names a license (or `NONE`); unknown parts make two expressions
 * incomparable even when their labels coincide.
 *
 * @example
 * ```ts
 * isNamed({ kind: "unknown", label: "other", reason: "..." }); // false
 * ```
 */
export function isNamed(expr: LicenseExpr): boolean {
  if (expr.kind === "unknown") return false;
  return isCompound(expr) ? expr.parts.every(isNamed) : true;
}

/**
 * Joins parts with `AND` or `OR`: nested parts of the same kind are flattened, duplicates dropped, and the
 * parts sorted by their rendering, so that equal sets of licenses render equally.
 *
 * @example
 * ```ts
 * renderLicense(combineLicenses("and", [{ kind: "license", id: "MIT" }, { kind: "license", id: "MIT" }])); // "MIT"
 * ```
 */
export function combineLicenses(kind: "and" | "or", parts: LicenseExpr[]): LicenseExpr {
  const flat = parts.flatMap((p) => p.kind === kind ? p.parts : [p]);
  const unique = [...new Map(flat.map((p) => [renderLicense(p), p])).entries()]
    .sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
    .map(([, p]) => p);
  if (unique.length === 0) {
    throw new RangeError(`combineLicenses: no parts to join with ${kind.toUpperCase()}`);
  }
  return unique.length === 1 ? unique[0] : { kind, parts: unique };
}

type SpdxTree = { license: string } | { left: SpdxTree; conjunction: "and" | "or"; right: SpdxTree };

/**
 * Parses an `AND` / `OR` expression with parentheses whose operands are arbitrary ids (Hugging Face ids,
 * SPDX ids, any case): the structure is parsed by `spdx-expression-parse`, then each operand is turned into a
 * leaf by `leaf` (only when the text parses). A text that does not parse, `WITH` included, becomes an unknown
 * license carrying the parser's message.
 *
 * @example
 * ```ts
 * const e = parseLicenseExpression("mit or apache-2.0", (id) => ({ kind: "license", id: id.toUpperCase() }));
 * renderLicense(e); // "APACHE-2.0 OR MIT"
 * ```
 */
export function parseLicenseExpression(text: string, leaf: (operand: string) => LicenseExpr): LicenseExpr {
  const operands: string[] = [];
  // Operands become placeholder LicenseRefs so that the parser only sees the structure.
  const placeholders = text.replace(/[^\s()]+/g, (token) => {
    if (/^(and|or|with)$/i.test(token)) return token.toUpperCase();
    operands.push(token);
    return `LicenseRef-operand-${operands.length - 1}`;
  });
  let tree: SpdxTree;
  try {
    tree = parse(placeholders) as SpdxTree;
  } catch (err) {
    return {
      kind: "unknown",
      label: text,
      reason: `"${text}" is not an AND/OR license expression (${(err as Error).message})`,
    };
  }
  const build = (node: SpdxTree): LicenseExpr =>
    "conjunction" in node
      ? combineLicenses(node.conjunction, [build(node.left), build(node.right)])
      : leaf(operands[Number(node.license.slice("LicenseRef-operand-".length))]);
  return build(tree);
}
