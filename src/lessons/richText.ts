/** A lesson's text format: plain text with `$…$` as inline LaTeX. The pieces: even indices plain text, odd ones LaTeX. */
export function splitTex(text: string): string[] {
  return text.split('$');
}
