// Text clean-up shared by venue keys (canonical) and record values (tidy for display).

type Text = string | number | null | undefined;

// Format characters (zero-width spaces, BOM, bidi marks) are invisible noise in typed addresses.
const FORMAT_CHARS = /\p{Cf}/gu;
// Any run of whitespace or control characters (tabs, newlines, no-break spaces) becomes one space.
const SPACE_RUNS = /[\s\p{Cc}]+/gu;

/** For display: trimmed, whitespace collapsed, invisible characters removed; case kept. */
export function tidyText(value: Text): string {
  if (value === null || value === undefined) return "";
  return String(value).normalize("NFC").replace(FORMAT_CHARS, "").replace(SPACE_RUNS, " ").trim();
}

/**
 * For comparison: tidy, compatibility-normalised (NFKC: full-width "Ａ１" is "a1") and case-folded.
 * JavaScript has no full case fold; upper-casing first folds "ß" with "SS" and final sigma with sigma,
 * which lower-casing alone does not.
 */
export function foldText(value: Text): string {
  return tidyText(tidyText(value).normalize("NFKC")).toUpperCase().toLowerCase().normalize("NFKC");
}
