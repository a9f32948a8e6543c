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

const FIG8 = "fig8.ipynb saved output (Fig. 8)";

/**
 * Fig. 8, Hugging Face: PTMs per domain by the paper's rule (substring match of `hf_domains` tasks on the
 * comma-joined tags; two or more domains → Multimodal). The shares' denominator is their sum, 156,336.
 */
export const PEATMOSS_HF_DOMAINS = {
  NLP: { value: 94_320, source: `${FIG8}: HF NLP (60.33%)` },
  "Computer Vision": { value: 7_234, source: `${FIG8}: HF Computer Vision (4.63%)` },
  Audio: { value: 13_946, source: `${FIG8}: HF Audio (8.92%)` },
  Multimodal: { value: 14_496, source: `${FIG8}: HF Multimodal (9.27%)` },
  Other: { value: 26_340, source: `${FIG8}: HF Other, reinforcement learning included (16.85%)` },
} as const satisfies Record<string, PaperNumber>;

/** Fig. 8, PyTorch Hub: PTMs per domain by the notebook's PyTorch tag rule (denominator 362). */
export const PEATMOSS_PYTORCH_DOMAINS = {
  NLP: { value: 59, source: `${FIG8}: PyTorch Hub NLP (16.30%)` },
  "Computer Vision": { value: 203, source: `${FIG8}: PyTorch Hub Computer Vision (56.08%)` },
  Audio: { value: 100, source: `${FIG8}: PyTorch Hub Audio (27.62%)` },
  Multimodal: { value: 0, source: `${FIG8}: PyTorch Hub Multimodal` },
  Other: { value: 0, source: `${FIG8}: PyTorch Hub Other` },
} as const satisfies Record<string, PaperNumber>;

/** The populations behind Fig. 8. */
export const PEATMOSS_DOMAIN_POPULATIONS = {
  hfTagged: { value: 167_810, source: `${FIG8}: HF models with at least one tag (len(rows_hub))` },
  hfMapped: { value: 156_336, source: `${FIG8}: HF models matched to a domain (sum of the counts)` },
  pytorchTagged: { value: 362, source: `${FIG8}: PyTorch Hub models with tags` },
} as const satisfies Record<string, PaperNumber>;

const FIG9 = "fig9.ipynb saved output (Fig. 9)";

/** Fig. 9: downstream GitHub repositories by the domain of the Hugging Face PTMs they reuse (of 8,384). */
export const PEATMOSS_REPO_DOMAINS_VIA_HF = {
  NLP: { value: 6_318, source: `${FIG9}: repos via HF PTMs, NLP (75.36%)` },
  "Computer Vision": { value: 529, source: `${FIG9}: repos via HF PTMs, Computer Vision (6.31%)` },
  Audio: { value: 80, source: `${FIG9}: repos via HF PTMs, Audio (0.95%)` },
  Multimodal: { value: 1_457, source: `${FIG9}: repos via HF PTMs, Multimodal (17.38%)` },
  Other: { value: 0, source: `${FIG9}: repos via HF PTMs, Other` },
} as const satisfies Record<string, PaperNumber>;

/** Fig. 9: downstream GitHub repositories by the domain of the PyTorch Hub PTMs they reuse (of 7,253). */
export const PEATMOSS_REPO_DOMAINS_VIA_PYTORCH = {
  NLP: { value: 162, source: `${FIG9}: repos via PyTorch Hub PTMs, NLP (2.23%)` },
  "Computer Vision": {
    value: 6_964,
    source: `${FIG9}: repos via PyTorch Hub PTMs, Computer Vision (96.02%)`,
  },
  Audio: { value: 85, source: `${FIG9}: repos via PyTorch Hub PTMs, Audio (1.17%)` },
  Multimodal: { value: 42, source: `${FIG9}: repos via PyTorch Hub PTMs, Multimodal (0.58%)` },
  Other: { value: 0, source: `${FIG9}: repos via PyTorch Hub PTMs, Other` },
} as const satisfies Record<string, PaperNumber>;

const PTMTORRENT_LIB = "PTMTorrent HF_none_freq.sql, library_name table (≈234k HF models, 2023)";

/** Share of models per `library_name` in the PTMTorrent HF dump (exploratory in the artifact): the top ten. */
export const PTMTORRENT_LIBRARIES = {
  transformers: { value: 0.4475, source: `${PTMTORRENT_LIB}: 104,722 models` },
  "(none)": { value: 0.4176, source: `${PTMTORRENT_LIB}: None, 97,713 models` },
  "stable-baselines3": { value: 0.0357, source: `${PTMTORRENT_LIB}: 8,365 models` },
  diffusers: { value: 0.0327, source: `${PTMTORRENT_LIB}: 7,641 models` },
  "ml-agents": { value: 0.0158, source: `${PTMTORRENT_LIB}: 3,702 models` },
  "sentence-transformers": { value: 0.0119, source: `${PTMTORRENT_LIB}: 2,785 models` },
  cleanrl: { value: 0.0064, source: `${PTMTORRENT_LIB}: 1,490 models` },
  timm: { value: 0.0053, source: `${PTMTORRENT_LIB}: 1,249 models` },
  keras: { value: 0.0041, source: `${PTMTORRENT_LIB}: 962 models` },
  "sample-factory": { value: 0.0039, source: `${PTMTORRENT_LIB}: 917 models` },
} as const satisfies Record<string, PaperNumber>;

const MAPPING = "artifact mapping.csv (license analysis): licenses of the 1,512 HF PTMs reused on GitHub";

/** Declared licenses of the Hugging Face PTMs that GitHub projects reuse (2023), the six most common. */
export const PEATMOSS_REUSED_PTM_LICENSES = {
  "apache-2.0": { value: 858, source: MAPPING },
  mit: { value: 313, source: MAPPING },
  other: { value: 60, source: MAPPING },
  "cc-by-sa-4.0": { value: 43, source: MAPPING },
  "cc-by-nc-4.0": { value: 42, source: MAPPING },
  "bsd-3-clause": { value: 29, source: MAPPING },
} as const satisfies Record<string, PaperNumber>;

/** How many reused HF PTMs {@linkcode PEATMOSS_REUSED_PTM_LICENSES} counts from. */
export const PEATMOSS_REUSED_PTMS: PaperNumber = { value: 1_512, source: MAPPING };

/** Model releases Fig. 10 marks with dashed lines (fig10_11.ipynb), as `YYYY-MM`. */
export const PEATMOSS_FIG10_RELEASES: readonly { month: string; label: string }[] = [
  { month: "2020-06", label: "GPT-3" },
  { month: "2021-05", label: "LaMDA" },
  { month: "2021-07", label: "Codex" },
  { month: "2022-04", label: "PaLM" },
  { month: "2022-07", label: "BLOOM" },
  { month: "2022-11", label: "GPT-3.5" },
  { month: "2023-02", label: "LLaMA" },
  { month: "2023-03", label: "GPT-4" },
];
