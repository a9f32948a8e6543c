/**
 * The improved-mode verdict for one relation: may a project under license D build on a model under license U?
 * (The paper's framing: the project is treated as a work that builds on the model.)
 *
 * The rules, in the order they are applied; each verdict carries its rule and a one-line reason:
 * 1. `unknown-model` / `unknown-project`: a side that cannot be named (`other`, an unknown id, only
 *    non-license notices found) gives `unknown`, with that side's reason. `unlicensed-model`: a model with no
 *    license at all (all rights reserved) cannot be built on.
 * 2. `identical`: the same license on both sides is compatible.
 * 3. `no-facts`: a license the clause table does not describe gives `unknown`.
 * 4. `family`: an id that stands for a family (`bsd`, `gpl`, ...) is judged for each member; the verdict holds
 *    when all members agree, otherwise it is `unknown`.
 * 5. `lf-table`: when both licenses are in the Linux Foundation table (the paper's authority for OSS licenses,
 *    read through its misspelled labels) and the cell is yes/no, the cell decides.
 * 6. `known-conflict`: a documented incompatibility the LF table leaves undecided (Apache-2.0 into
 *    GPL-2.0-only) is `incompatible`.
 * 7. Clause rules, each a possible problem; the worst problem decides, and with none the pair is compatible
 *    (rule `duties`) with the duties that remain:
 *    - `proprietary-model`: a model under a proprietary or source-available license grants nothing we can read
 *      → `unknown`;
 *    - `non-commercial`: a model that forbids commercial use and a project license that grants it →
 *      `incompatible` (`unknown` when the project's license does not say); a non-commercial project or one
 *      without license keeps the duty;
 *    - `no-derivatives`: the model forbids sharing derivatives → `incompatible`;
 *    - `share-alike`: a copyleft model requires the work to carry its license (or one it accepts); a project
 *      under another license, or under none, → `incompatible`;
 *    - `lesser-copyleft`: a "lesser" model lets a work that only uses it take other terms — LGPLLR only if those
 *      terms permit modification: a project with no license → `incompatible`, a proprietary one → `unknown`;
 *    - `use-restrictions`: a use-restricted model (RAIL, Llama, Gemma) requires its restrictions to be passed
 *      on; a project license that forbids further restrictions (GPL, AGPL, LGPL) → `incompatible`, any other
 *      project keeps the pass-down duty.
 *
 * `AND` takes the worst verdict of its parts (incompatible > unknown > compatible), `OR` the best.
 *
 * @module
 */
import { CLAUSES, type ClauseTable, knownConflict, type LicenseFacts, licenseFacts } from "./clauses.ts";
import {
  isCompound,
  type LicenseExpr,
  type LicenseLeaf,
  type NoLicense,
  renderLicense,
} from "./expression.ts";
import type { LfMatrix } from "./lf_matrix.ts";
import type { Verdict } from "./report.ts";

/** The rule that decided a verdict (the reason class counted in the improved report). */
export type Rule =
  | "unknown-model"
  | "unknown-project"
  | "unlicensed-model"
  | "identical"
  | "no-facts"
  | "family"
  | "lf-table"
  | "known-conflict"
  | "proprietary-model"
  | "no-derivatives"
  | "share-alike"
  | "lesser-copyleft"
  | "non-commercial"
  | "use-restrictions"
  | "duties";

/** A verdict with its rule and a one-line reason. */
export interface Judgement {
  verdict: Verdict;
  rule: Rule;
  reason: string;
}

const SEVERITY: Record<Verdict, number> = { compatible: 0, unknown: 1, incompatible: 2 };

/**
 * The misspelled labels of the LF xlsx: its columns say `bls-1.0`, `lib-png`, `lib-tiff`, `open-ssl` where the
 * rows (and SPDX) say `bsl-1.0`, `libpng`, `libtiff`, `openssl`.
 */
const LF_MISSPELLINGS: Readonly<Record<string, readonly string[]>> = {
  "bsl-1.0": ["bls-1.0"],
  "libpng": ["lib-png"],
  "libtiff": ["lib-tiff"],
  "openssl": ["open-ssl"],
};

/** The LF label of an SPDX id among `labels` (the table's columns or rows), if any. */
function lfLabel(id: string, labels: readonly string[]): string | undefined {
  const lower = id.toLowerCase();
  return [lower, ...(LF_MISSPELLINGS[lower] ?? [])].find((label) => labels.includes(label));
}

type Side = LicenseLeaf | NoLicense;

/** The worst (or best) of several judgements, with the part that decided named in the reason. */
function pick(kind: "and" | "or", whole: string, parts: { part: string; judgement: Judgement }[]): Judgement {
  const sign = kind === "and" ? 1 : -1;
  const chosen = parts.reduce((a, b) =>
    sign * SEVERITY[b.judgement.verdict] > sign * SEVERITY[a.judgement.verdict] ? b : a
  );
  const role = kind === "and" ? "least compatible part" : "best choice";
  return { ...chosen.judgement, reason: `${chosen.part} (${role} of ${whole}): ${chosen.judgement.reason}` };
}

/**
 * Judges a model license against a project license.
 *
 * @param model The model's (upstream) license.
 * @param project The project's (downstream) license.
 * @param matrix The LF compatibility table.
 * @param clauses The clause facts (defaults to the shipped table).
 * @returns The verdict, the rule that decided it and a one-line reason.
 *
 * @example
 * ```ts
 * judge({ kind: "license", id: "CC-BY-NC-4.0" }, { kind: "license", id: "MIT" }, matrix).verdict;
 * // "incompatible": the model forbids commercial use, MIT grants it
 * ```
 */
export function judge(
  model: LicenseExpr,
  project: LicenseExpr,
  matrix: LfMatrix,
  clauses: ClauseTable = CLAUSES,
): Judgement {
  if (isCompound(model)) {
    const whole = renderLicense(model);
    return pick(
      model.kind,
      whole,
      model.parts.map((p) => ({ part: renderLicense(p), judgement: judge(p, project, matrix, clauses) })),
    );
  }
  if (model.kind === "unknown") return { verdict: "unknown", rule: "unknown-model", reason: model.reason };
  if (model.kind === "none") {
    return {
      verdict: "incompatible",
      rule: "unlicensed-model",
      reason: "the model has no license (all rights reserved), so nothing permits building on it",
    };
  }
  if (isCompound(project)) {
    const whole = renderLicense(project);
    return pick(
      project.kind,
      whole,
      project.parts.map((p) => ({ part: renderLicense(p), judgement: judge(model, p, matrix, clauses) })),
    );
  }
  if (project.kind === "unknown") {
    return { verdict: "unknown", rule: "unknown-project", reason: project.reason };
  }
  return judgeLeaves(model, project, matrix, clauses);
}

/** Rules 2-7 for a named model license and a named (or absent) project license. */
function judgeLeaves(model: LicenseLeaf, project: Side, matrix: LfMatrix, clauses: ClauseTable): Judgement {
  const u = renderLicense(model);
  const d = renderLicense(project);
  if (u === d) {
    return { verdict: "compatible", rule: "identical", reason: `the same license on both sides (${u})` };
  }
  const fu = licenseFacts(model.id, clauses);
  if (fu === undefined) {
    return { verdict: "unknown", rule: "no-facts", reason: `no clause facts for the model's ${model.id}` };
  }
  const fd = project.kind === "license" ? licenseFacts(project.id, clauses) : undefined;
  if (project.kind === "license" && fd === undefined) {
    return {
      verdict: "unknown",
      rule: "no-facts",
      reason: `no clause facts for the project's ${project.id}`,
    };
  }
  if (fu.family) {
    return family(fu, fu.family.map((id) => judge({ kind: "license", id }, project, matrix, clauses)));
  }
  if (fd?.family) {
    return family(fd, fd.family.map((id) => judge(model, { kind: "license", id }, matrix, clauses)));
  }
  if (project.kind === "license") {
    const original = lfLabel(model.id, matrix.originals);
    const derivative = lfLabel(project.id, matrix.derivatives);
    const cell = original && derivative ? matrix.cell(derivative, original) : undefined;
    if (cell === "yes" || cell === "no") {
      return {
        verdict: cell === "yes" ? "compatible" : "incompatible",
        rule: "lf-table",
        reason: `LF table: ${original} → ${derivative} is "${cell}"`,
      };
    }
    const conflict = knownConflict(model.id, project.id, clauses);
    if (conflict) {
      return {
        verdict: "incompatible",
        rule: "known-conflict",
        reason: `${model.id} into ${project.id}: ${conflict.reason} (${conflict.source})`,
      };
    }
  }
  return clauseRules(fu, project, fd);
}

/** Rule 4: a family's verdict is its members' when they agree. */
function family(facts: LicenseFacts, members: Judgement[]): Judgement {
  const ids = facts.family!;
  if (new Set(members.map((m) => m.verdict)).size === 1) {
    return {
      verdict: members[0].verdict,
      rule: "family",
      reason: `${facts.name} may stand for ${ids.join(", ")}: all give ${members[0].verdict} (${ids[0]}: ${
        members[0].reason
      })`,
    };
  }
  const each = ids.map((id, i) => `${id} ${members[i].verdict}`).join(", ");
  return { verdict: "unknown", rule: "family", reason: `${facts.name} does not say which license: ${each}` };
}

/** Whether the project's own terms permit modification: no license grants nothing; proprietary terms unread. */
function grantsModification(fd: LicenseFacts | undefined): boolean | null {
  if (fd === undefined) return false;
  return fd.category === "proprietary" || fd.category === "source-available" ? null : true;
}

/** Rule 7: the clause rules for a non-family model license and a project license (or none). */
function clauseRules(fu: LicenseFacts, project: Side, fd: LicenseFacts | undefined): Judgement {
  const u = `the model's ${fu.id}`;
  const d = project.kind === "none"
    ? "the project has no license"
    : `the project's ${renderLicense(project)}`;
  const problems: Judgement[] = [];
  const duties: string[] = [];
  const problem = (verdict: Verdict, rule: Rule, reason: string) => problems.push({ verdict, rule, reason });

  if (fu.category === "proprietary" || fu.category === "source-available") {
    problem("unknown", "proprietary-model", `${u} is ${fu.category}: what it grants is not machine-readable`);
  }
  if (fu.commercial === false) {
    const grants = fd === undefined ? false : fd.commercial;
    if (grants === true) {
      problem(
        "incompatible",
        "non-commercial",
        `${u} forbids commercial use (${fu.commercialClause}); ${d} grants it`,
      );
    } else if (grants === null) {
      problem(
        "unknown",
        "non-commercial",
        `${u} forbids commercial use (${fu.commercialClause}); whether ${d} grants it is not machine-readable`,
      );
    } else duties.push(`keep the use non-commercial (${fu.commercialClause})`);
  }
  if (fu.noDerivatives) {
    problem(
      "incompatible",
      "no-derivatives",
      `${u} forbids sharing derivatives (${fu.noDerivatives}); the project is treated as a work built on the model`,
    );
  }
  const sa = fu.shareAlike;
  if (sa) {
    if (project.kind === "license" && sa.compatible.includes(project.id)) {
      duties.push(
        `license the work under ${project.id}, which ${fu.id} accepts (${sa.compatibleSource ?? fu.source})`,
      );
    } else if (sa.lesser) {
      const permits = sa.lesser.requires === "modification" ? grantsModification(fd) : true;
      if (permits === true) duties.push(`keep the model itself under ${fu.id} (${sa.lesser.clause})`);
      else {
        problem(
          permits === null ? "unknown" : "incompatible",
          "lesser-copyleft",
          `${u} lets a work that uses it take other terms only if they permit modification (${sa.lesser.clause}); ` +
            (permits === null ? `whether ${d} does is not machine-readable` : `${d}, so it permits nothing`),
        );
      }
    } else {
      problem(
        "incompatible",
        "share-alike",
        `${u} requires works based on it to carry it (${sa.clause}); ` +
          (project.kind === "none"
            ? `${d}, so it does not`
            : `${d} is neither ${fu.id} nor a license it accepts`),
      );
    }
  }
  const use = fu.useRestrictions;
  if (use) {
    if (fd?.noFurtherRestrictions) {
      problem(
        "incompatible",
        "use-restrictions",
        `${fd.noFurtherRestrictions} forbids further restrictions; ${u} requires its use-based restrictions ` +
          `(${use.clause}) to be passed on (${use.passDown})`,
      );
    } else duties.push(`pass on the model's use-based restrictions (${use.clause}; ${use.passDown})`);
  }
  if (problems.length > 0) {
    return problems.reduce((a, b) => SEVERITY[b.verdict] > SEVERITY[a.verdict] ? b : a);
  }
  const why = project.kind === "none"
    ? `${d}, so it grants nothing ${fu.id} forbids`
    : `nothing in ${d} conflicts with ${fu.id}`;
  const left = [...duties, ...fu.duties];
  return {
    verdict: "compatible",
    rule: "duties",
    reason: `${why}; duties: ${left.length ? left.join("; ") : "none"}`,
  };
}
