/**
 * The catalogue of model-loading signatures, kept as data in `lib/usage/data/signatures.json`: the PeaTMOSS
 * artifact's 26 Hugging Face signatures and its PyTorch list, plus ptmscope's additions.
 *
 * @module
 */
import catalogue from "./data/signatures.json" with { type: "json" };

/** Where a call passes the model: a positional index and the keyword names that may replace it. */
export interface ArgumentSpec {
  position: number;
  keywords: string[];
}

/** One model-loading signature. */
export interface Signature {
  /** Unique name, `<library>.<call>`. */
  id: string;
  /** Library as reported in detections: `transformers`, `timm`, `torch.hub`, ... */
  library: string;
  /** GitHub code-search query finding files that may hold this signature. */
  search: string;
  /** Dotted modules whose names reach the call (`transformers`, `torch.hub`, `torchvision.models`). */
  modules: string[];
  /**
   * `function`: the call is `<module>[.<sub>...].<name>(...)` (`timm.create_model`, `pipeline`);
   * `method`: a class of the module comes between (`AutoModel.from_pretrained`, `transformers.X.from_pretrained`);
   * `object`: a method of any object (`pipe.load_lora_weights(id)`), in a file that imports the module.
   */
  kind: "function" | "method" | "object";
  /** The called names. */
  names: string[];
  /** Shown as `call` in detections; the matched name when absent. */
  call?: string;
  /** The model argument; absent when the called name itself is the model (`torchvision.models.resnet50()`). */
  argument?: ArgumentSpec;
  /** A second argument the model id is built from (`torch.hub.load(repo, model)`). */
  second_argument?: ArgumentSpec;
  /** Positional index of the model argument for some classes (`PeftModel.from_pretrained(base, "id")`). */
  position_by_class?: Record<string, number>;
  /**
   * How the model id is built: `{}` the argument's value, `{second}` the second argument's, `{module}` the
   * matched module, `{name}` the called name. @default "{}"
   */
  model_id?: string;
  /** Prefixes removed from the argument's value (`hf_hub:` in timm). */
  strip_prefixes?: string[];
  /** Drop a `:ref` suffix from the argument's value (`pytorch/vision:v0.10.0`). */
  strip_ref?: boolean;
  /**
   * Whether an owner-less value may be a legacy hub id (`bert-base-uncased`); false when such values name an
   * architecture (`timm.create_model("resnet50")`) or another registry's model (PaddleNLP), so no listed
   * `owner/resnet50` is substituted. @default true
   */
  legacy_ids?: boolean;
  /**
   * Text a file must contain to be parsed for this signature (see `prefilter.ts`); a segment of every module.
   * @default the modules' first segments
   */
  needle?: string;
  /** `peatmoss` when the artifact lists it, `ptmscope` for additions. */
  origin: "peatmoss" | "ptmscope";
  note?: string;
}

const KINDS = new Set(["function", "method", "object"]);

function checkArgument(id: string, field: string, a: unknown): void {
  const spec = a as ArgumentSpec | undefined;
  if (spec === undefined) return;
  if (!Number.isInteger(spec.position) || !Array.isArray(spec.keywords)) {
    throw new Error(`signatures.json: signature "${id}": ${field} needs an integer position and keywords[]`);
  }
}

/**
 * The signatures of `lib/usage/data/signatures.json`, checked.
 *
 * @example
 * ```ts
 * const sig = loadSignatures().find((s) => s.id === "timm.create_model")!;
 * sig.search; // "\"create_model\" \"timm\" language:python"
 * ```
 */
export function loadSignatures(): Signature[] {
  const list = catalogue.signatures as unknown as Signature[];
  const seen = new Set<string>();
  for (const s of list) {
    const where = `signatures.json: signature "${s.id}"`;
    if (!s.id || seen.has(s.id)) throw new Error(`${where}: id missing or repeated`);
    seen.add(s.id);
    if (!KINDS.has(s.kind)) {
      throw new Error(`${where}: kind must be function, method or object, got "${s.kind}"`);
    }
    if (!s.library || !s.search || !s.modules?.length || !s.names?.length) {
      throw new Error(`${where}: library, search, modules[] and names[] are required`);
    }
    checkArgument(s.id, "argument", s.argument);
    checkArgument(s.id, "second_argument", s.second_argument);
    if (!s.argument && !/\{(module|name)\}/.test(s.model_id ?? "")) {
      throw new Error(`${where}: without an argument, model_id must use {module} or {name}`);
    }
  }
  return list;
}
