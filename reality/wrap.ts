// Word wrapping for the reality check's text: the C programs' comments and
// the report. Lines break at spaces only, so a file path or a kernel
// function name is never split; a word longer than a line (a path in a deep
// checkout) stays whole on a line of its own. (report/text.ts wraps the
// checker's reports, where a long word is cut instead.)

/**
 * `text` in lines of at most `width` characters where spaces allow, the
 * continuation lines starting with two spaces (counted in the width). The
 * text's own leading spaces are kept on its first line.
 */
export function wrapAtSpaces(text: string, width: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    // Break only at a space after the line's own leading spaces: a break
    // inside them would leave `rest` as it was (an endless loop).
    const lead = rest.length - rest.trimStart().length;
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= lead) cut = rest.indexOf(' ', lead);
    if (cut <= lead) break;
    out.push(rest.slice(0, cut));
    rest = '  ' + rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}
