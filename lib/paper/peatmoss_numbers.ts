/**
 * Numbers reported by the PeaTMOSS paper (MSR 2024) and its public artifact, kept as data so notebooks can put
 * ours beside them. Each carries where it comes from (see shared/PAPER.md).
 *
 * @module
 */

/** A reported number and its source. */
export interface PaperNumber {
  value: number;
  source: string;
}

/** Headline counts of the PeaTMOSS snapshot (mid-2023). */
export const PEATMOSS = {
  hfModels: { value: 281_276, source: "PeaTMOSS mining-challenge README: Hugging Face PTMs" },
  pytorchHubModels: { value: 362, source: "PeaTMOSS artifact README: PyTorch Hub PTMs" },
  allModels: { value: 281_638, source: "PeaTMOSS abstract: PTMs with metadata (HF + PyTorch Hub)" },
  hfSnapshots: {
    value: 14_296,
    source: "PeaTMOSS abstract: PTMs with over 50 monthly downloads, snapshotted",
  },
  downstreamRepos: { value: 28_575, source: "PeaTMOSS abstract: GitHub projects using the PTMs" },
  links: { value: 44_337, source: "PeaTMOSS abstract: PTM → GitHub project mappings" },
} as const satisfies Record<string, PaperNumber>;

/**
 * Share of models missing a field in the HF API dump of PeaTMOSS' predecessor tooling (PTMTorrent,
 * `HF_none_freq.sql`, about 234,051 models, 2023). Exploratory in the artifact, not a paper figure.
 */
export const PTMTORRENT_MISSING = {
  pipeline_tag: { value: 0.4332, source: "PTMTorrent HF_none_freq.sql (≈234k HF models, 2023)" },
  library: { value: 0.4176, source: "PTMTorrent HF_none_freq.sql (≈234k HF models, 2023)" },
  licenses: { value: 0.6715, source: "PTMTorrent HF_none_freq.sql (≈234k HF models, 2023)" },
  datasets: { value: 0.8731, source: "PTMTorrent HF_none_freq.sql (≈234k HF models, 2023)" },
  base_models: { value: 0.9960, source: "PTMTorrent HF_none_freq.sql (≈234k HF models, 2023)" },
} as const satisfies Record<string, PaperNumber>;

/**
 * The license analysis (paper §7) as the artifact's own script prints it on its shipped inputs
 * (`licenseCompatibilitiesSankey.py` on mapping.csv, all_gh_licenses.json and the LF matrix; shared/PAPER.md §5.4).
 */
export const PEATMOSS_LICENSES = {
  covered: { value: 22_474, source: "license script: total covered relations" },
  skipped: { value: 387, source: "license script: relations skipped (repository with several licenses)" },
  identical: { value: 5_756, source: "license script: identical relations (25.61%)" },
  compatible: { value: 11_782, source: "license script: compatible relations (52.43%)" },
  incompatible: { value: 54, source: "license script: incompatible relations (0.24%)" },
  unknown: { value: 10_638, source: "license script: unknown relations (47.33%)" },
} as const satisfies Record<string, PaperNumber>;
