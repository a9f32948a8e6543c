/**
 * The Hugging Face pipeline tasks: the values a model's `pipeline_tag` can take.
 *
 * @module
 */

/**
 * Every HF pipeline task: the tasks the PeaTMOSS figure notebooks map to domains (Fig. 8), plus the tasks HF had
 * added by July 2024 (each seen as a `pipeline_tag` in the 2024-07-11 model listing). Sources that only keep a
 * model's tags, like PeaTMOSS.db, recover `pipeline_tag` as the first tag in this set.
 *
 * @example
 * ```ts
 * HF_PIPELINE_TASKS.has("text-generation"); // true
 * HF_PIPELINE_TASKS.has("pytorch"); // false
 * ```
 */
export const HF_PIPELINE_TASKS: ReadonlySet<string> = new Set([
  // multimodal
  "feature-extraction",
  "text-to-image",
  "image-to-text",
  "text-to-video",
  "visual-question-answering",
  "graph-machine-learning",
  // computer vision
  "depth-estimation",
  "image-classification",
  "object-detection",
  "image-segmentation",
  "image-to-image",
  "unconditional-image-generation",
  "video-classification",
  "zero-shot-image-classification",
  // natural language processing
  "text-classification",
  "token-classification",
  "table-question-answering",
  "question-answering",
  "zero-shot-classification",
  "translation",
  "summarization",
  "conversational",
  "text-generation",
  "text2text-generation",
  "fill-mask",
  "sentence-similarity",
  "table-to-text",
  "multiple-choice",
  "text-retrieval",
  // audio
  "text-to-speech",
  "text-to-audio",
  "automatic-speech-recognition",
  "audio-to-audio",
  "audio-classification",
  "voice-activity-detection",
  // other
  "reinforcement-learning",
  "robotics",
  "tabular-classification",
  "tabular-regression",
  "tabular-to-text",
  "time-series-forecasting",
  // added by HF after the PeaTMOSS notebooks were written
  "image-text-to-text",
  "image-feature-extraction",
  "document-question-answering",
  "mask-generation",
  "image-to-3d",
  "text-to-3d",
  "image-to-video",
  "graph-ml",
  "zero-shot-object-detection",
  "other",
]);
