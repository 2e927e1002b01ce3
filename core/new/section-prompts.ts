/**
 * What `almanac new model` writes under the card sections a production card must fill in: a
 * prompt saying what belongs there. `almanac promote --to production` refuses a card that still
 * holds one, so a scaffold cannot reach production unwritten.
 */
export const SECTION_PROMPTS = {
  "Intended use": "Who should use this model, for which decisions, and who should not.",
  Limitations: "Where the model is known to fail: populations, time ranges and inputs unlike the training data.",
} as const;
